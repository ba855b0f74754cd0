package dev.keyward.crypto.api;

import dev.keyward.crypto.UsageService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rewrap census: who still uses which version of a key. */
@RestController
@Tag(name = "Keys", description = "Managed keys, their versions and NIST SP 800-57 lifecycle")
class CensusController {

    private final UsageService usage;

    CensusController(UsageService usage) {
        this.usage = usage;
    }

    @GetMapping("/api/v1/keys/{alias}/census")
    @Operation(summary = "Use by key version", description = "Over the last `days` days (1-365, default 30, counted by "
            + "day): for every version, newest first, whether it is current or withdrawn, how often it was used and by "
            + "whom. An old version nobody uses may be retired. For the key's owner, security officers and auditors.")
    UsageService.Census census(@PathVariable String alias, @RequestParam(defaultValue = "30") int days) {
        return usage.census(alias, days);
    }
}
