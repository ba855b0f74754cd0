package dev.keyward.keys.internal;

import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyState;
import dev.keyward.keys.NewKey;
import dev.keyward.keys.Sensitivity;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** About twenty demo keys (profile {@code demo}): carol's payments keys, bob's engineering keys, some overdue. */
@Component
@Profile("demo")
@Order(10)
class DemoKeys implements ApplicationRunner {

    record Demo(String alias, String algorithm, KeyPurpose purpose, Sensitivity sensitivity, String owner, KeyState state,
                int ageDays, String description) {
    }

    static final List<Demo> KEYS = List.of(
            new Demo("payments-dek", "AES_256", KeyPurpose.ENCRYPT, Sensitivity.HIGH, "carol", KeyState.ACTIVE, 200, "Encrypts card data at rest"),
            new Demo("payments-kek", "AES_256", KeyPurpose.WRAP, Sensitivity.CRITICAL, "carol", KeyState.ACTIVE, 150, "Wraps the payments data keys"),
            new Demo("payments-signing", "EC_P256", KeyPurpose.SIGN, Sensitivity.HIGH, "carol", KeyState.ACTIVE, 400, "Signs settlement files (overdue for rotation)"),
            new Demo("payments-mac", "HMAC_SHA256", KeyPurpose.MAC, Sensitivity.MEDIUM, "carol", KeyState.ACTIVE, 90, "Authenticates webhook payloads"),
            new Demo("payments-archive", "AES_256", KeyPurpose.ENCRYPT, Sensitivity.HIGH, "carol", KeyState.DEACTIVATED, 900, "Old card vault; decrypt only"),
            new Demo("payments-tokenizer", "AES_256", KeyPurpose.ENCRYPT, Sensitivity.CRITICAL, "carol", KeyState.PRE_ACTIVATION, 0, "New tokenization service"),
            new Demo("payouts-signing", "RSA_3072", KeyPurpose.SIGN, Sensitivity.HIGH, "carol", KeyState.ACTIVE, 300, "Signs payout instructions"),
            new Demo("orders-dek", "AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM, "bob", KeyState.ACTIVE, 700, "Orders database fields (rotation due soon)"),
            new Demo("orders-mac", "HMAC_SHA256", KeyPurpose.MAC, Sensitivity.LOW, "bob", KeyState.ACTIVE, 30, "Order reference checksums"),
            new Demo("build-signing", "EC_P384", KeyPurpose.SIGN, Sensitivity.HIGH, "bob", KeyState.ACTIVE, 120, "Signs release artifacts"),
            new Demo("backup-kek", "AES_256", KeyPurpose.WRAP, Sensitivity.CRITICAL, "bob", KeyState.ACTIVE, 60, "Wraps key backups"),
            new Demo("logs-dek", "AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, "bob", KeyState.SUSPENDED, 250, "Log archive encryption (suspended)"),
            new Demo("legacy-reports", "AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, "bob", KeyState.COMPROMISED, 1000, "Exposed in incident INC-1042"),
            new Demo("docs-signing", "RSA_4096", KeyPurpose.SIGN, Sensitivity.MEDIUM, "bob", KeyState.ACTIVE, 10, "Signs customer documents"),
            new Demo("hr-dek", "AES_256", KeyPurpose.ENCRYPT, Sensitivity.HIGH, "heidi", KeyState.ACTIVE, 45, "Employee records"),
            new Demo("hr-export-mac", "HMAC_SHA256", KeyPurpose.MAC, Sensitivity.MEDIUM, "heidi", KeyState.PRE_ACTIVATION, 0, "Payroll export integrity"),
            new Demo("analytics-dek", "AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, "alice", KeyState.ACTIVE, 800, "Analytics pipeline (overdue)"),
            new Demo("mobile-api-signing", "EC_P256", KeyPurpose.SIGN, Sensitivity.MEDIUM, "alice", KeyState.ACTIVE, 20, "Signs mobile API tokens"),
            new Demo("sso-signing", "RSA_3072", KeyPurpose.SIGN, Sensitivity.CRITICAL, "dave", KeyState.ACTIVE, 170, "Signs SSO assertions"),
            new Demo("audit-archive", "AES_256", KeyPurpose.ENCRYPT, Sensitivity.HIGH, "grace", KeyState.ACTIVE, 15, "Audit export archive"));

    /** How each demo key reaches its state. */
    private static List<KeyState> path(KeyState state) {
        return switch (state) {
            case PRE_ACTIVATION -> List.of();
            case ACTIVE -> List.of(KeyState.ACTIVE);
            case SUSPENDED -> List.of(KeyState.ACTIVE, KeyState.SUSPENDED);
            case DEACTIVATED -> List.of(KeyState.ACTIVE, KeyState.DEACTIVATED);
            case COMPROMISED -> List.of(KeyState.ACTIVE, KeyState.COMPROMISED);
            default -> throw new IllegalArgumentException("no demo path to " + state);
        };
    }

    private final KeyLifecycle lifecycle;
    private final ManagedKeyRepository keys;

    DemoKeys(KeyLifecycle lifecycle, ManagedKeyRepository keys) {
        this.lifecycle = lifecycle;
        this.keys = keys;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        for (Demo d : KEYS) {
            if (keys.findByAlias(d.alias()).isPresent()) {
                continue;
            }
            ManagedKeyEntity key = lifecycle.create(new NewKey(d.alias(), d.algorithm(), d.purpose(), d.sensitivity(),
                    d.owner(), d.description()), "system");
            for (KeyState step : path(d.state())) {
                if (key.state().approvedMoves().contains(step)) { // seeded history, as if approved
                    lifecycle.seededTransition(d.alias(), step);
                } else {
                    lifecycle.transition(d.alias(), step, "demo data", "system", true);
                }
            }
            key.versions().forEach(v -> v.backdate(Duration.ofDays(d.ageDays())));
        }
    }
}
