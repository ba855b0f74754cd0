package dev.keyward.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.identity.PeopleService;
import dev.keyward.identity.Roles;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Approvals that can always finish: a change nobody could approve is refused when asked, naming the step nobody is
 * left for; a pending one that becomes impossible (people leave or lose a role) is flagged to officers and
 * administrators with what would unblock it.
 */
class StaffingTest extends IntegrationTest {

    private static final TestChange.Facts FACTS = new TestChange.Facts("test-change", "bob", 1, null);

    @Autowired
    ApprovalService approvals;
    @Autowired
    PeopleService directory;
    @Autowired
    TestPeople people;
    @Autowired
    AccessFixture fixture;
    @Autowired
    RuntimeService runtime;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aChangeNobodyCouldApproveIsRefusedWhenAskedAndNothingIsStored() {
        TestChange change = TestChange.of(people.create("requester"), FACTS)
                .without(directory.activeWithRole(Roles.SECURITY_OFFICER), false);
        assertThatThrownBy(() -> approvals.open(change)).isInstanceOf(ApprovalImpossibleException.class)
                .hasMessageStartingWith("Nobody is left to decide approval step 1 (security officer): of ")
                .hasMessageContaining("none may decide it (the requester, people concerned by the change and auditors never decide)")
                .hasMessageEndingWith("One more active security officer would unblock it: an administrator can ask for that "
                        + "role for somebody. Nothing was asked.");
        assertThat(jdbc.queryForObject("select count(*) from approvals_case where subject_id = ?", Integer.class, change.id()))
                .isZero();
    }

    @Test
    void aPendingChangeThatBecomesImpossibleIsFlaggedWithWhatWouldUnblockIt() throws Exception {
        String keeper = people.create("officer", Roles.SECURITY_OFFICER);
        String leaver = people.create("officer", Roles.SECURITY_OFFICER);
        List<String> others = new ArrayList<>(directory.activeWithRole(Roles.SECURITY_OFFICER));
        others.removeAll(List.of(keeper, leaver));
        TestChange change = TestChange.of(people.create("requester"), FACTS).without(others, false);
        String approvalId = change.open(approvals, runtime);
        assertThat(blocked(approvalId)).as("two officers may decide it").isNull();
        int mailsBefore = MAIL.getReceivedMessages().length;

        setStatus(leaver, "LEFT");
        assertThat(blocked(approvalId)).startsWith("Nobody is left to decide approval step 2 (security officer): of ")
                .contains("only " + keeper + " may, and they fill the other steps. One more active security officer would "
                        + "unblock it: an administrator can ask for that role for somebody.");
        audit.sealAll();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'approvals.approval.blocked' "
                + "and target_id = ?", Integer.class, approvalId)).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> subjects(mailsBefore)
                .contains("[Keyward] Approval cannot finish: " + change.summary()));

        setStatus(leaver, "ACTIVE");
        assertThat(blocked(approvalId)).as("back as an employee only: still nobody").isNotNull();
        audit.sealAll();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'approvals.approval.blocked' "
                + "and target_id = ?", Integer.class, approvalId)).as("flagged once per reason").isEqualTo(1);

        fixture.as(change.requester());
        approvals.withdraw(approvalId);
    }

    private void setStatus(String who, String status) throws Exception {
        mvc.perform(put("/api/v1/people/{u}/status", who).header("Authorization", DemoTokens.bearer(DemoTokens.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"" + status + "\"}")).andExpect(status().isOk());
    }

    private String blocked(String approvalId) {
        return jdbc.queryForObject("select blocked_reason from approvals_case where id = ?", String.class, approvalId);
    }

    private static List<String> subjects(int from) {
        MimeMessage[] all = MAIL.getReceivedMessages();
        return Arrays.stream(all, from, all.length).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
