package dev.keyward.bench;

import java.util.Base64;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The crypto benchmark's baseline, in benchmark runs only: the same request as encrypt (a bearer token and a JSON
 * body with 1 KiB), authenticated by the same filter chain, answered with 1 KiB, and nothing else.
 */
@Profile("bench")
@RestController
class BaselineController {

    static final String PATH = "/api/v1/bench/baseline";

    @PostMapping(PATH)
    Map<String, String> baseline(@RequestBody Map<String, String> body) {
        byte[] plaintext = Base64.getDecoder().decode(body.get("plaintext"));
        return Map.of("ciphertext", "kw:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(plaintext));
    }
}
