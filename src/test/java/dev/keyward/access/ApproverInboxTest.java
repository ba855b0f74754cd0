package dev.keyward.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.InboxItem;
import dev.keyward.approvals.SlotKind;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** The inbox lists what its reader may decide now, oldest request first, read in one go for all requests. */
class ApproverInboxTest extends IntegrationTest {

    @Autowired
    AccessFixture fixture;
    @Autowired
    ApprovalService approvals;
    @Autowired
    TestPeople people;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anOfficerSeesOpenOfficerSlotsOldestFirstButNotTheirOwnRequestNorWhatTheyDecided() {
        var cast = fixture.cast();
        String key = fixture.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        String colleague = fixture.withPasskey(people.createReportingTo("requester", cast.manager()));
        AccessRequest first = fixture.request(cast.requester(), key);
        clock.advance(Duration.ofMinutes(1));
        AccessRequest second = fixture.request(colleague, key);
        clock.advance(Duration.ofMinutes(1));
        AccessRequest own = fixture.request(cast.officer2(), fixture.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1()));
        Set<String> these = Set.of(first.id(), second.id(), own.id());

        assertThat(inboxOf(cast.officer2(), these)).extracting(InboxItem::subjectId).containsExactly(first.id(), second.id());
        assertThat(inboxOf(cast.officer2(), these)).extracting(InboxItem::kind)
                .containsOnly(SlotKind.SECURITY_OFFICER);
        assertThat(inboxOf(cast.manager(), these)).extracting(InboxItem::subjectId).containsExactly(first.id(), second.id());

        fixture.decide(cast.officer2(), first.id(), Decision.APPROVE, null);

        assertThat(inboxOf(cast.officer2(), these)).extracting(InboxItem::subjectId).containsExactly(second.id());
        assertThat(inboxOf(cast.officer1(), these)).extracting(InboxItem::subjectId)
                .as("first's officer slot is filled; own's manager slot (no manager) and officer slot are open to officers")
                .containsExactly(second.id(), own.id(), own.id());
        assertThat(inboxOf(cast.manager(), these)).extracting(InboxItem::subjectId).containsExactly(first.id(), second.id());
    }

    private List<InboxItem> inboxOf(String who, Set<String> requestIds) {
        fixture.as(who);
        return approvals.inbox().stream().filter(i -> requestIds.contains(i.subjectId())).toList();
    }
}
