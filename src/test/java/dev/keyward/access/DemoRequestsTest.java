package dev.keyward.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.SlotKind;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** The demo starts with heidi's request waiting for carol (her manager) and bob (the key's owner). */
class DemoRequestsTest extends IntegrationTest {

    @Autowired
    TestPeople people;
    @Autowired
    ApprovalService approvals;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void carolAndBobFindHeidisRequestWaiting() {
        people.signIn("carol");
        assertThat(approvals.inbox()).anySatisfy(item -> {
            assertThat(item.requester()).isEqualTo("heidi");
            assertThat(item.kind()).isEqualTo(SlotKind.MANAGER);
            assertThat(((Map<?, ?>) item.facts().get("key")).get("alias")).isEqualTo("orders-dek");
        });
        people.signIn("bob");
        assertThat(approvals.inbox()).anySatisfy(item -> {
            assertThat(item.requester()).isEqualTo("heidi");
            assertThat(item.kind()).isEqualTo(SlotKind.KEY_OWNER);
        });
    }
}
