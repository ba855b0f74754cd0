package dev.keyward.crypto;

import static dev.keyward.access.Permission.USE_ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.Grant;
import dev.keyward.access.GrantService;
import dev.keyward.access.GrantUsage;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.crypto.UsageService.Window;
import dev.keyward.crypto.internal.UsageMeter;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What people read of the meter: a key's usage for its owner (and nobody without the right), a grant's uses,
 * and the "unused" marker that appears only when an active grant sat idle for the whole period.
 */
class UsageServiceTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    AccessFixture access;
    @Autowired
    UsageService usage;
    @Autowired
    UsageMeter meter;
    @Autowired
    GrantService grants;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void ownersSeeAKeysUsageAndOthersDoNot() throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, USE_ENCRYPT);
        CryptoApi api = new CryptoApi(mvc, holder.bearer());
        for (int i = 0; i < 5; i++) {
            api.encrypt(holder.key(), "x", null);
        }
        clock.advance(Duration.ofMinutes(1));
        meter.flush();

        access.as(holder.cast().owner());
        UsageService.KeyUsage seen = usage.keyUsage(holder.key(), Window.LAST_HOUR);
        assertThat(seen.buckets()).hasSize(60);
        assertThat(seen.points()).extracting(UsageService.Point::uses).containsExactly(5L);
        assertThat(seen.callers()).singleElement().satisfies(c -> {
            assertThat(c.principal()).isEqualTo(holder.cast().requester());
            assertThat(c.operation()).isEqualTo(CryptoOperation.ENCRYPT);
            assertThat(c.uses()).isEqualTo(5);
        });
        assertThat(usage.of(List.of(holder.grantId())).get(holder.grantId()).uses()).isEqualTo(5);

        access.as(holder.cast().requester());
        assertThatThrownBy(() -> usage.keyUsage(holder.key(), Window.LAST_DAY)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aGrantIsMarkedUnusedOnlyAfterSittingIdleForThePeriod() {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, USE_ENCRYPT);
        access.as(holder.cast().requester());
        Grant grant = grants.mine().stream().filter(g -> g.id().equals(holder.grantId())).findFirst().orElseThrow();
        GrantUsage never = GrantUsage.never(grant.id());
        Duration period = Duration.ofDays(2);
        assertThat(never.unusedFor(grant, period, grant.validFrom().plus(Duration.ofDays(1)))).isFalse();
        assertThat(never.unusedFor(grant, period, grant.validFrom().plus(Duration.ofDays(2)))).isTrue();
        GrantUsage usedOnDay3 = new GrantUsage(grant.id(), 1, grant.validFrom().plus(Duration.ofDays(3)), "127.0.0.1", Set.of());
        assertThat(usedOnDay3.unusedFor(grant, period, grant.validFrom().plus(Duration.ofDays(4)))).isFalse();
        assertThat(usedOnDay3.unusedFor(grant, period, grant.validUntil().plusSeconds(1)))
                .as("an ended grant is not 'unused', it is over").isFalse();
    }
}
