package dev.keyward.keys;

import static dev.keyward.crypto.CryptoApi.b64;
import static dev.keyward.crypto.CryptoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.access.AccessPolicyService;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.GrantService;
import dev.keyward.access.GrantStatus;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.DecisionRefusedException;
import dev.keyward.approvals.SlotKind;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.crypto.CryptoApi;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.hsm.FailingBackend;
import dev.keyward.hsm.HsmBackend;
import dev.keyward.hsm.MirroredHsmBackendTest;
import dev.keyward.hsm.internal.MirroredHsmBackend;
import dev.keyward.identity.Roles;
import dev.keyward.keys.internal.KeyDestructionWorkflow;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Key destruction as an approved change on the real engine (bpmn/KeyDestruction.bpmn calling bpmn/Approval.bpmn):
 * two officers other than the requester, a waiting period that can be cancelled, refusal while the key is in use,
 * and the HSM objects of every version destroyed on both tokens of a mirrored pair.
 */
class KeyDestructionTest extends IntegrationTest {

    @Autowired
    KeyDestructionService destructions;
    @Autowired
    KeyDestructionWorkflow workflow;
    @Autowired
    KeyService keys;
    @Autowired
    ApprovalService approvals;
    @Autowired
    GrantService grants;
    @Autowired
    AccessRequestService requests;
    @Autowired
    AccessPolicyService policy;
    @Autowired
    AccessFixture fixture;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    TestPeople people;
    @Autowired
    Workflows workflows;
    @Autowired
    HsmBackend hsm;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    @AfterEach
    void restore() {
        ((FailingBackend) hsm).replacement.set(null);
        ((FailingBackend) hsm).down.set(false);
        SecurityContextHolder.clearContext();
    }

    @Test
    void twoOfficersApproveTheKeyWaitsThenEveryVersionIsDestroyedOnBothTokensOfAMirroredPair() throws Exception {
        HsmBackend[] tokens = MirroredHsmBackendTest.softPair(jdbc);
        ((FailingBackend) hsm).replacement.set(new MirroredHsmBackend(tokens[0], tokens[1], MirroredHsmBackendTest.TRANSPORT,
                clock, Duration.ofSeconds(5)));
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM, Permission.USE_ENCRYPT);
        Cast cast = holder.cast();
        String alias = holder.key();
        crypto.rotate(cast, alias);
        List<String> labels = List.of("kw-" + alias + "-v1", "kw-" + alias + "-v2");
        assertThat(labels).allMatch(l -> tokens[0].exists(l) && tokens[1].exists(l));
        fixture.as(cast.owner());
        grants.revoke(holder.grantId(), "the batch moves to another key");
        int mailsBefore = MAIL.getReceivedMessages().length;

        Destruction asked = destructions.request(alias, new Destruction.Request("The settlement batch was retired.", null, null));
        assertThat(asked.status()).isEqualTo(Destruction.Status.PENDING);
        assertThat(asked.waitingDays()).as("the default for MEDIUM keys").isEqualTo(30);
        assertThat(asked.inUse()).isEmpty();
        assertThat(keys.get(alias).state()).as("nothing happens before the approval").isEqualTo(KeyState.ACTIVE);
        Approval approval = approvals.get(asked.approvalId());
        assertThat(approval.slots()).extracting(Approval.Slot::kind)
                .containsExactly(SlotKind.SECURITY_OFFICER, SlotKind.SECURITY_OFFICER);
        assertThat(approval.facts()).containsEntry("reason", "The settlement batch was retired.").containsEntry("waitingDays", 30);
        assertThat(approval.facts().get("versions").toString()).contains("number=1", "number=2");
        fixture.as(cast.owner());
        assertThat(approvals.inbox()).as("the requester").noneMatch(i -> i.subjectId().equals(asked.id()));

        fixture.decide(cast.officer1(), asked.id(), Decision.APPROVE, null);
        String secondSlot = approvals.get(asked.approvalId()).slots().get(1).id();
        fixture.as(cast.officer1());
        assertThatThrownBy(() -> approvals.prepare(secondSlot, Decision.APPROVE, null))
                .as("one person, one slot").isInstanceOf(DecisionRefusedException.class);
        fixture.decide(cast.officer2(), asked.id(), Decision.APPROVE, null);

        fixture.as(cast.owner());
        Destruction scheduled = destructions.get(alias, asked.id());
        assertThat(scheduled.status()).isEqualTo(Destruction.Status.SCHEDULED);
        assertThat(scheduled.destroyAt()).isBetween(clock.instant().plus(Duration.ofDays(30)).minusSeconds(60),
                clock.instant().plus(Duration.ofDays(30)));
        assertThat(scheduled.fromState()).isEqualTo(KeyState.ACTIVE);
        assertThat(scheduled.approvers()).extracting(ChangeApprover::username).containsExactly(cast.officer1(), cast.officer2());
        assertThat(scheduled.approvers()).allMatch(ChangeApprover::verified);
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.DESTROY_SCHEDULED);
        awaitMail(mailsBefore, alias + " will be destroyed on " + day(scheduled));
        new CryptoApi(mvc, holder.bearer()).call(alias, "encrypt", json("plaintext", b64("x")))
                .andExpect(status().isForbidden());

        clock.set(scheduled.destroyAt().minus(Duration.ofDays(3)).plusSeconds(1));
        assertThat(workflows.fireTimersDueBy(asked.id(), clock.instant())).isEqualTo(1);
        awaitMail(mailsBefore, "Reminder: " + alias + " will be destroyed on " + day(scheduled));
        assertThat(labels).as("not before the wait ends").allMatch(l -> tokens[0].exists(l) && tokens[1].exists(l));

        clock.set(scheduled.destroyAt().plusSeconds(1));
        assertThat(workflows.fireTimersDueBy(asked.id(), clock.instant())).isEqualTo(1);
        assertThat(labels).as("gone from both tokens").noneMatch(l -> tokens[0].exists(l) || tokens[1].exists(l));
        fixture.as(cast.owner());
        ManagedKey destroyed = keys.get(alias);
        assertThat(destroyed.state()).isEqualTo(KeyState.DESTROYED);
        assertThat(destroyed.versions()).as("metadata and check values stay").hasSize(2).allMatch(v -> v.kcv() != null);
        assertThat(destroyed.history()).extracting(ManagedKey.StateChange::to).endsWith(KeyState.DESTROY_SCHEDULED,
                KeyState.DESTROYED);
        assertThat(destructions.get(alias, asked.id()).status()).isEqualTo(Destruction.Status.DESTROYED);
        workflow.destroy(asked.id());
        assertThat(destructions.get(alias, asked.id()).status()).as("a retried step changes nothing")
                .isEqualTo(Destruction.Status.DESTROYED);

        clock.reset(); // the holder's API token is good for 30 days
        ((FailingBackend) hsm).replacement.set(null); // the audit checkpoint key lives on the application's HSM
        new CryptoApi(mvc, holder.bearer()).call(alias, "encrypt", json("plaintext", b64("x")))
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.detail").value(startsWith("'" + alias + "' was destroyed")));
        audit.sealAll();
        assertThat(jdbc.queryForList("select action from audit_entry where target_type = 'key' and target_id = ? "
                + "and action like 'keys.%destr%' order by seq", String.class, alias)).containsExactly(
                "keys.destruction.requested", "keys.destruction.scheduled", "keys.destruction.due-soon", "keys.key.destroyed");
    }

    @Test
    void cancelledDuringTheWaitTheKeyReturnsToItsStateAndAnExecutedDestructionCannotBeCancelled() throws Exception {
        Cast cast = fixture.cast();
        String alias = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        fixture.as(cast.officer1());
        keys.transition(alias, KeyState.SUSPENDED, "pause for the audit");
        Destruction scheduled = crypto.scheduleDestruction(cast, alias);
        assertThat(scheduled.fromState()).isEqualTo(KeyState.SUSPENDED);

        fixture.as(cast.owner());
        assertThatThrownBy(() -> destructions.cancel(alias, scheduled.id(), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Say why");
        Destruction cancelled = destructions.cancel(alias, scheduled.id(), "The archive still needs it.");
        assertThat(cancelled.status()).isEqualTo(Destruction.Status.CANCELLED);
        assertThat(cancelled.cancelledBy()).isEqualTo(cast.owner());
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.SUSPENDED);
        assertThat(workflows.timers(scheduled.id())).as("the process ended").isEmpty();
        clock.set(scheduled.destroyAt().plusSeconds(1));
        assertThat(hsm.exists("kw-" + alias + "-v1")).isTrue();
        clock.reset();

        Destruction executed = crypto.destroy(cast, alias, clock);
        String dave = DemoTokens.bearer(DemoTokens.SECURITY_OFFICER);
        mvc.perform(post("/api/v1/keys/{a}/destructions/{id}/cancel", alias, executed.id()).header("Authorization", dave)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"too late\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(alias + " was destroyed at " + destructions(alias).get(0).completedAt()
                        + "; a destruction cannot be undone."));
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.DESTROYED);
        audit.sealAll();
        assertThat(audit.entries("keys.destruction.ended")).anySatisfy(e -> {
            assertThat(e.get("target_id")).isEqualTo(alias);
            assertThat(e.get("details").toString()).contains("CANCELLED", "The archive still needs it.");
        });
    }

    @Test
    void aCompromiseLearntDuringTheWaitMarksEveryVersionAndACancelReturnsTheKeyCompromised() {
        Cast cast = fixture.cast();
        String alias = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        Destruction scheduled = crypto.scheduleDestruction(cast, alias);
        fixture.as(cast.officer2());
        ManagedKey marked = keys.transition(alias, KeyState.COMPROMISED, "The backup tape with its blob was stolen.");
        assertThat(marked.state()).as("still scheduled, still unusable").isEqualTo(KeyState.DESTROY_SCHEDULED);
        assertThat(marked.versions()).allMatch(v -> v.compromisedAt() != null);
        assertThat(marked.history().get(marked.history().size() - 1).reason())
                .isEqualTo("Marked compromised while scheduled for destruction: The backup tape with its blob was stolen.");
        assertThat(destructions.get(alias, scheduled.id()).fromState()).isEqualTo(KeyState.COMPROMISED);

        fixture.as(cast.owner());
        destructions.cancel(alias, scheduled.id(), "Legal hold on the archive.");
        assertThat(keys.get(alias).state()).as("never back to ACTIVE").isEqualTo(KeyState.COMPROMISED);
    }

    @Test
    void aKeyWithActiveGrantsIsRefusedWithoutOverrideAndDestroyedWithOneTheApproversSigned() throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.HIGH, Permission.USE_ENCRYPT);
        String alias = holder.key();
        String dave = DemoTokens.bearer(DemoTokens.SECURITY_OFFICER);
        mvc.perform(post("/api/v1/keys/{a}/destructions", alias).header("Authorization", dave)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"retired\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString(alias + " is still in use: 1 active grant: "
                        + holder.cast().requester() + " (Encrypt until")))
                .andExpect(jsonPath("$.detail").value(containsString("give an override reason the approvers sign")));
        assertThat(destructions(alias)).isEmpty();

        Destruction scheduled = crypto.scheduleDestruction(holder.cast(), alias);
        assertThat(scheduled.override()).isEqualTo("the application is switched off today");
        assertThat(scheduled.inUse()).singleElement().asString().startsWith("1 active grant: " + holder.cast().requester());
        assertThat(scheduled.waitingDays()).isEqualTo(30);
        Approval approval = approvals.get(scheduled.approvalId());
        assertThat(approval.facts()).containsEntry("override", "the application is switched off today");
        assertThat(approval.allDecisionsVerified()).isTrue();
        clock.set(scheduled.destroyAt().plusSeconds(1));
        workflows.fireTimersDueBy(scheduled.id(), clock.instant());
        fixture.as(holder.cast().owner());
        assertThat(destructions.get(alias, scheduled.id()).status()).isEqualTo(Destruction.Status.DESTROYED);
        assertThat(hsm.exists("kw-" + alias + "-v1")).isFalse();
        assertThat(grants.find(alias, null, false)).as("no grant outlives its key").singleElement().satisfies(g -> {
            assertThat(g.status()).isEqualTo(GrantStatus.REVOKED);
            assertThat(g.endReason()).isEqualTo("The key " + alias + " was destroyed.");
        });
    }

    @Test
    void aGrantGivenWhileTheApprovalWaitedKeepsTheKeyWhenTheWaitEnds() {
        Cast cast = fixture.cast();
        String alias = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        fixture.as(cast.owner());
        Destruction asked = destructions.request(alias, new Destruction.Request("Nobody uses it.", null, null));
        fixture.as(cast.requester());
        policy.acknowledge(policy.current().version());
        AccessRequest access = requests.submit(new NewAccessRequest(alias, Set.of(Permission.USE_ENCRYPT), null,
                AccessFixture.JUSTIFICATION, 90, null));
        fixture.approveAll(cast, access.id());
        workflows.runJobsOf(access.id());
        fixture.approveAll(cast, asked.id());
        fixture.as(cast.owner());
        Destruction scheduled = destructions.get(alias, asked.id());
        assertThat(scheduled.status()).isEqualTo(Destruction.Status.SCHEDULED);

        clock.set(scheduled.destroyAt().plusSeconds(1));
        workflows.fireTimersDueBy(asked.id(), clock.instant());
        fixture.as(cast.owner());
        Destruction refused = destructions.get(alias, asked.id());
        assertThat(refused.status()).isEqualTo(Destruction.Status.REFUSED);
        assertThat(refused.outcome()).startsWith("When the waiting period ended, " + alias + " was in use again: 1 active grant");
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.ACTIVE);
        assertThat(hsm.exists("kw-" + alias + "-v1")).isTrue();
    }

    @Test
    void theDestroyStepAsksTheEngineAgainAndKeepsTheKeyWhenTheApprovalNoLongerVerifies() {
        Cast cast = fixture.cast();
        String alias = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        fixture.as(cast.owner());
        Destruction asked = destructions.request(alias, new Destruction.Request("Nobody uses it.", null, null));
        fixture.approveAll(cast, asked.id());
        fixture.as(cast.owner());
        Destruction scheduled = destructions.get(alias, asked.id());
        assertThat(scheduled.status()).isEqualTo(Destruction.Status.SCHEDULED);
        // Weeks later, somebody with database access alters what one officer signed.
        String approvalId = jdbc.queryForObject("select approval_id from keys_destruction where id = ?", String.class, asked.id());
        jdbc.update("update approvals_decision set comment = 'edited afterwards' where case_id = ? and approver = ?",
                approvalId, cast.officer1());

        clock.set(scheduled.destroyAt().plusSeconds(1));
        workflows.fireTimersDueBy(asked.id(), clock.instant());
        fixture.as(cast.owner());
        Destruction refused = destructions.get(alias, asked.id());
        assertThat(refused.status()).isEqualTo(Destruction.Status.REFUSED);
        assertThat(refused.outcome()).contains("The decision of " + cast.officer1()).contains("does not verify");
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.ACTIVE);
        assertThat(hsm.exists("kw-" + alias + "-v1")).as("nothing irreversible on a broken approval").isTrue();
    }

    @Test
    void aRejectionKeepsTheKeyAndSaysWhy() {
        Cast cast = fixture.cast();
        String alias = fixture.activeKey(Sensitivity.LOW, cast.owner(), cast.officer1());
        fixture.as(cast.owner());
        Destruction asked = destructions.request(alias, new Destruction.Request("Nobody uses it.", 45, null));
        assertThat(asked.waitingDays()).isEqualTo(45);
        fixture.decide(cast.officer1(), asked.id(), Decision.REJECT, "The archive of 2024 is still encrypted with it.");
        fixture.as(cast.owner());
        Destruction rejected = destructions.get(alias, asked.id());
        assertThat(rejected.status()).isEqualTo(Destruction.Status.REJECTED);
        assertThat(rejected.outcome()).isEqualTo("Rejected by " + cast.officer1()
                + ": The archive of 2024 is still encrypted with it.");
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.ACTIVE);
    }

    @Test
    void badRequestsAreRefusedWithAClearReasonAndChangeNothing() throws Exception {
        Cast cast = fixture.cast();
        String alias = fixture.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        String dave = DemoTokens.bearer(DemoTokens.SECURITY_OFFICER);
        String[][] cases = {
                {"{\"reason\":\"retired\",\"waitingDays\":6}", "waitingDays", "A HIGH key waits 30 to 90 days before it is destroyed; 6 is outside."},
                {"{\"reason\":\"retired\",\"waitingDays\":91}", "waitingDays", "A HIGH key waits 30 to 90 days before it is destroyed; 91 is outside."},
                {"{\"reason\":\"retired\",\"waitingDays\":29}", "waitingDays", "A HIGH key waits 30 to 90 days before it is destroyed; 29 is outside."},
                {"{\"reason\":\"  \"}", "reason", "Give a reason (1 to 1000 characters); the approvers read it and the key's history keeps it."},
                {"{\"reason\":\"retired\",\"override\":\"" + "x".repeat(1001) + "\"}", "override", "An override reason is at most 1000 characters."}};
        for (String[] c : cases) {
            mvc.perform(post("/api/v1/keys/{a}/destructions", alias).header("Authorization", dave)
                            .contentType(MediaType.APPLICATION_JSON).content(c[0]))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value(c[1]))
                    .andExpect(jsonPath("$.detail").value(c[2]));
        }
        mvc.perform(post("/api/v1/keys/{a}/destructions", alias).header("Authorization", DemoTokens.bearer(DemoTokens.AUDITOR))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"retired\"}"))
                .andExpect(status().isForbidden());
        fixture.as(people.create("employee"));
        assertThatThrownBy(() -> destructions.request(alias, new Destruction.Request("not mine", null, null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(destructions(alias)).isEmpty();

        mvc.perform(post("/api/v1/keys/{a}/destructions", alias).header("Authorization", dave)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"retired\",\"waitingDays\":60}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", startsWith("/api/v1/keys/" + alias + "/destructions/")))
                .andExpect(jsonPath("$.status").value("PENDING"));
        mvc.perform(post("/api/v1/keys/{a}/destructions", alias).header("Authorization", dave)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"again\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("A destruction of " + alias + " is already under way")));
        Destruction pending = destructions(alias).get(0);
        mvc.perform(post("/api/v1/keys/{a}/destructions/{id}/cancel", alias, pending.id()).header("Authorization", dave)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"changed my mind\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("The destruction still waits for its approvers")));
        fixture.as(people.create("officer", Roles.SECURITY_OFFICER));
        assertThat(approvals.get(pending.approvalId()).slots()).hasSize(2);
        assertThat(destructions(alias)).hasSize(1);
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.ACTIVE);
    }

    private List<Destruction> destructions(String alias) {
        fixture.as(people.create("officer", Roles.SECURITY_OFFICER));
        return destructions.log(alias);
    }

    private static String day(Destruction d) {
        return java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH)
                .withZone(java.time.ZoneOffset.UTC).format(d.destroyAt());
    }

    /** E-mail goes out after commit on its own thread: waits for {@code subject} to arrive. */
    private static void awaitMail(int from, String subject) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> subjects(from).contains("[Keyward] " + subject));
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
