package dev.keyward.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.SlotKind;
import dev.keyward.identity.Roles;
import dev.keyward.keys.internal.RotationScheduler;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The rotation schedule: notices to the owner 30, 7 and 1 days ahead, each once; on the date a rotation opens by
 * itself, once per version, and goes through the same approval. (The sweep looks at every ACTIVE key of the shared
 * test database, so the clock moves at most 31 days here: demo keys that are overdue anyway get their one scheduled
 * rotation, none that other tests rotate by hand.)
 */
class RotationScheduleTest extends IntegrationTest {

    @Autowired
    RotationScheduler scheduler;
    @Autowired
    KeyRotationService rotations;
    @Autowired
    KeyService keys;
    @Autowired
    ApprovalService approvals;
    @Autowired
    AccessFixture fixture;
    @Autowired
    TestPeople people;
    @Autowired
    Workflows workflows;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    ManagementService management;
    @Autowired
    RepositoryService repository;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theOwnerHearsAheadAndOnTheDateARotationOpensByItselfOnce() {
        String owner = fixture.withPasskey(people.create("owner"));
        String officer = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String alias = activeKey(owner, officer);
        fixture.as(officer);
        RotationPeriods.Schedule schedule = rotations.setPeriod(alias, 30);
        Instant due = schedule.dueAt();
        assertThat(schedule.periodDays()).isEqualTo(30);

        clock.set(due.minus(Duration.ofDays(30)).plusSeconds(60));
        scheduler.sweep();
        scheduler.sweep();
        clock.set(due.minus(Duration.ofDays(7)).plusSeconds(60));
        scheduler.sweep();
        clock.set(due.minus(Duration.ofHours(12)));
        scheduler.sweep();
        assertThat(jdbc.queryForList("select days_before from keys_rotation_notice where key_alias = ? order by days_before desc",
                Integer.class, alias)).as("each notice once").containsExactly(30, 7, 1);
        assertThat(awaitMail(owner, "Rotation of " + alias + " due in 30 days")).isNotNull();
        assertThat(awaitMail(owner, "Rotation of " + alias + " due in 1 day")).isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from keys_rotation where key_alias = ?", Integer.class, alias))
                .as("nothing opens before the date").isZero();

        clock.set(due.plusSeconds(60));
        scheduler.sweep();
        scheduler.sweep();
        fixture.as(officer);
        List<Rotation> log = rotations.log(alias);
        assertThat(log).as("one scheduled rotation per version").hasSize(1);
        Rotation scheduled = log.get(0);
        assertThat(scheduled.trigger()).isEqualTo(Rotation.Trigger.SCHEDULED);
        assertThat(scheduled.requester()).isEqualTo(KeyRotationService.SCHEDULER);
        assertThat(scheduled.reason()).isEqualTo("Version 1 reached its rotation date (every 30 days).");
        Approval approval = approvals.get(scheduled.approvalId());
        assertThat(approval.summary()).isEqualTo("Scheduled rotation of " + alias + " (LOW): version 1 reached its rotation date");
        assertThat(approval.slots()).extracting(Approval.Slot::kind).containsExactly(SlotKind.KEY_OWNER, SlotKind.SECURITY_OFFICER);
        assertThat(approval.slots().get(0).approver()).isEqualTo(owner);

        fixture.decide(owner, scheduled.id(), Decision.APPROVE, null);
        fixture.decide(officer, scheduled.id(), Decision.APPROVE, null);
        workflows.runJobsOf(scheduled.id());
        fixture.as(officer);
        RotationPeriods.Schedule next = rotations.schedule(alias).orElseThrow();
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.dueAt()).as("the new version's own date").isAfter(clock.instant().plus(Duration.ofDays(29)));
        scheduler.sweep();
        assertThat(rotations.log(alias)).hasSize(1);
    }

    @Test
    void theScheduleRunsDailyOnTheEngine() {
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("KeyRotationSchedule").latestVersion()
                .singleResult()).isNotNull();
        assertThat(management.createJobQuery().timers().processDefinitionKey("KeyRotationSchedule").list())
                .as("the daily timer start").hasSize(1);
    }

    @Test
    void aPeriodOutsideTheCryptoperiodIsRefused() throws Exception {
        String owner = people.create("owner");
        String officer = people.create("officer", Roles.SECURITY_OFFICER);
        String alias = activeKey(owner, officer);
        String token = "Bearer " + people.issueToken(officer);
        mvc.perform(put("/api/v1/keys/{alias}/rotation-schedule", alias).header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"periodDays\":731}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("periodDays"))
                .andExpect(jsonPath("$.detail").value("A LOW key is rotated every 30 to 730 days (its cryptoperiod); "
                        + "731 is outside."));
        mvc.perform(put("/api/v1/keys/{alias}/rotation-schedule", alias).header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"periodDays\":29}"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/v1/keys/{alias}/rotation-schedule", alias).header("Authorization", "Bearer "
                        + people.issueToken(owner)).contentType(MediaType.APPLICATION_JSON).content("{\"periodDays\":90}"))
                .andExpect(status().isForbidden());
        fixture.as(officer);
        assertThat(rotations.schedule(alias).orElseThrow().periodDays()).as("unchanged").isEqualTo(365);
        mvc.perform(put("/api/v1/keys/{alias}/rotation-schedule", alias).header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"periodDays\":90}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.periodDays").value(90))
                .andExpect(jsonPath("$.defaultPeriod").value(false));
        fixture.as(officer);
        keys.transition(alias, KeyState.SUSPENDED, "paused");
        assertThatThrownBy(() -> rotations.setPeriod(alias, 60)).hasMessageContaining("Only an ACTIVE key has a rotation schedule");
    }

    private String activeKey(String owner, String officer) {
        String alias = "sch-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        fixture.as(officer);
        keys.create(new NewKey(alias, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, owner, null));
        keys.transition(alias, KeyState.ACTIVE, "ready");
        return alias;
    }

    private static MimeMessage awaitMail(String username, String subject) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getSubject().equals("[Keyward] " + subject) && Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().equals(username + "@test.example"));
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElse(null), m -> m != null);
    }
}
