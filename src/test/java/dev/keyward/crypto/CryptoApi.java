package dev.keyward.crypto;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** One caller of the crypto API over HTTP (MockMvc through the whole filter chain), with their bearer token. */
public record CryptoApi(MockMvc mvc, String bearer) {

    public static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** A JSON object from name/value pairs; null values are left out. */
    public static String json(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                fields.put(pairs[i], pairs[i + 1]);
            }
        }
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v).append('"'));
        return out.append('}').toString();
    }

    public ResultActions call(String alias, String operation, String body) throws Exception {
        return mvc.perform(post("/api/v1/keys/{alias}/{operation}", alias, operation).header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    public String encrypt(String alias, String plaintext, String context) throws Exception {
        return field(call(alias, "encrypt", json("plaintext", b64(plaintext), "context", context == null ? null : b64(context))),
                "$.ciphertext");
    }

    public String decrypt(String alias, String ciphertext, String context) throws Exception {
        return text(field(call(alias, "decrypt", json("ciphertext", ciphertext, "context", context == null ? null : b64(context))),
                "$.plaintext"));
    }

    public String rewrap(String alias, String ciphertext, String context) throws Exception {
        return field(call(alias, "rewrap", json("ciphertext", ciphertext, "context", context == null ? null : b64(context))),
                "$.ciphertext");
    }

    public String sign(String alias, String message) throws Exception {
        return field(call(alias, "sign", json("message", b64(message))), "$.signature");
    }

    public boolean verify(String alias, String message, String signature) throws Exception {
        return JsonPath.read(ok(call(alias, "verify", json("message", b64(message), "signature", signature))), "$.valid");
    }

    public String mac(String alias, String message) throws Exception {
        return field(call(alias, "mac", json("message", b64(message))), "$.mac");
    }

    public boolean verifyMac(String alias, String message, String mac) throws Exception {
        return JsonPath.read(ok(call(alias, "mac-verify", json("message", b64(message), "mac", mac))), "$.valid");
    }

    private static String field(ResultActions result, String path) throws Exception {
        return JsonPath.read(ok(result), path);
    }

    private static String ok(ResultActions result) throws Exception {
        return result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
