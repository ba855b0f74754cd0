package dev.keyward.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.Decision;
import dev.keyward.approvals.DecisionRefusedException;
import dev.keyward.approvals.SlotKind;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.access.Permission;
import dev.keyward.crypto.CryptoApi;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.hsm.FailingBackend;
import dev.keyward.hsm.HsmBackend;
import dev.keyward.identity.Roles;
import dev.keyward.keys.internal.KeyRotationWorkflow;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import dev.keyward.support.Workflows;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Key rotation as an approved change on the real engine (bpmn/KeyRotation.bpmn calling bpmn/Approval.bpmn): who
 * approves, what happens once they have, and what happens when they do not or the HSM fails.
 */
class KeyRotationTest extends IntegrationTest {

    @Autowired
    KeyRotationService rotations;
    @Autowired
    KeyRotationWorkflow workflow;
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
    HsmBackend hsm;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    CryptoFixture crypto;

    /** A key owner with a manager, two security officers, all with passkeys. */
    record Team(String manager, String owner, String officer1, String officer2) {
    }

    @AfterEach
    void restore() {
        ((FailingBackend) hsm).down.set(false);
        SecurityContextHolder.clearContext();
    }

    @Test
    void theOwnerAsksTheirManagerAndAnOfficerApproveAndTheNewVersionIsSelfTestedAndCurrent() {
        Team team = team();
        String alias = key(team, Sensitivity.HIGH);
        fixture.as(team.owner());
        Rotation asked = rotations.request(alias, "Yearly rotation of the settlement key.");
        assertThat(asked.status()).isEqualTo(Rotation.Status.PENDING);
        assertThat(asked.oldVersion()).isEqualTo(1);

        Approval approval = approvals.get(asked.approvalId());
        assertThat(approval.slots()).extracting(Approval.Slot::kind).containsExactly(SlotKind.KEY_OWNER, SlotKind.SECURITY_OFFICER);
        assertThat(approval.slots().get(0).approver()).as("the owner asked: their manager decides").isEqualTo(team.manager());
        assertThat(approval.slots().get(0).routedReason()).contains("In place of the key owner " + team.owner());
        assertThat(approval.facts()).containsEntry("reason", "Yearly rotation of the settlement key.")
                .containsEntry("trigger", "ON_DEMAND");
        String firstSlot = approval.slots().get(0).id();
        assertThatThrownBy(() -> approvals.prepare(firstSlot, Decision.APPROVE, null))
                .isInstanceOf(DecisionRefusedException.class)
                .hasMessage("You asked for this rotation; somebody else has to decide it.");

        fixture.decide(team.manager(), asked.id(), Decision.APPROVE, null);
        fixture.decide(team.officer1(), asked.id(), Decision.APPROVE, null);
        assertThat(currentVersion(alias)).as("nothing changes before the asynchronous step").isEqualTo(1);
        workflows.runJobsOf(asked.id());

        assertThat(currentVersion(alias)).isEqualTo(2);
        fixture.as(team.owner());
        Rotation done = rotations.get(alias, asked.id());
        assertThat(done.status()).isEqualTo(Rotation.Status.DONE);
        assertThat(done.newVersion()).isEqualTo(2);
        String newLabel = "kw-" + alias + "-v2";
        assertThat(done.newKcv()).isEqualTo(hsm.find(newLabel).orElseThrow().kcv()).isNotEqualTo(done.oldKcv());
        assertThat(done.approvers()).extracting(ChangeApprover::username).containsExactly(team.manager(), team.officer1());
        assertThat(done.approvers()).allMatch(ChangeApprover::verified);
        assertThat(hsm.exists("kw-" + alias + "-v1")).as("the old version stays for decrypt and verify").isTrue();
        audit.sealAll();
        assertThat(jdbc.queryForList("select action from audit_entry where target_type = 'key' and target_id = ? "
                        + "and action like 'keys.%rotat%' order by seq", String.class, alias))
                .containsExactly("keys.rotation.requested", "keys.key.rotated");

        assertThat(workflow.rotate(asked.id())).as("a retried step after success").isEmpty();
        assertThat(currentVersion(alias)).as("changes nothing").isEqualTo(2);
    }

    @Test
    void anOfficerAsksForACriticalKeyTheOwnerAndTwoOtherOfficersApprove() {
        Team team = team();
        String third = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String alias = key(team, Sensitivity.CRITICAL);
        fixture.as(team.officer1());
        Rotation asked = rotations.request(alias, "Crypto period ends.");
        Approval approval = approvals.get(asked.approvalId());
        assertThat(approval.slots()).extracting(Approval.Slot::kind)
                .containsExactly(SlotKind.KEY_OWNER, SlotKind.SECURITY_OFFICER, SlotKind.SECURITY_OFFICER);
        assertThat(approval.slots().get(0).approver()).isEqualTo(team.owner());
        fixture.as(team.officer1());
        assertThat(approvals.inbox()).as("the requester").noneMatch(i -> i.subjectId().equals(asked.id()));

        fixture.decide(team.owner(), asked.id(), Decision.APPROVE, null);
        fixture.decide(team.officer2(), asked.id(), Decision.APPROVE, null);
        workflows.runJobsOf(asked.id());
        assertThat(currentVersion(alias)).as("two of three slots").isEqualTo(1);
        fixture.decide(third, asked.id(), Decision.APPROVE, null);
        workflows.runJobsOf(asked.id());
        assertThat(currentVersion(alias)).isEqualTo(2);
    }

    @Test
    void aRejectionKeepsTheVersionAndSaysWhy() {
        Team team = team();
        String alias = key(team, Sensitivity.MEDIUM);
        fixture.as(team.officer1());
        Rotation asked = rotations.request(alias, "Rotate ahead of the audit.");
        fixture.decide(team.owner(), asked.id(), Decision.REJECT, "The batch freeze runs until Friday.");
        workflows.runJobsOf(asked.id());
        fixture.as(team.officer1());
        Rotation ended = rotations.get(alias, asked.id());
        assertThat(ended.status()).isEqualTo(Rotation.Status.REJECTED);
        assertThat(ended.outcome()).isEqualTo("Rejected by " + team.owner() + ": The batch freeze runs until Friday.");
        assertThat(currentVersion(alias)).isEqualTo(1);
    }

    @Test
    void anOwnerWhoDoesNotDecideIsEscalatedAndAnUndecidedRotationExpires() {
        Team team = team();
        String alias = key(team, Sensitivity.MEDIUM);
        fixture.as(team.officer1());
        Rotation asked = rotations.request(alias, "Rotate ahead of the audit.");
        Approval approval = approvals.get(asked.approvalId());
        clock.set(approval.escalateAt().plusSeconds(1));
        workflows.fireTimersDueBy(asked.id(), clock.instant());
        Approval escalated = approvals.get(asked.approvalId());
        assertThat(escalated.slots().get(0).approver()).as("the owner's slot went to the officers").isNull();
        assertThat(escalated.slots().get(0).routedReason()).startsWith(team.owner() + " did not decide");

        clock.set(approval.expireAt().plusSeconds(1));
        workflows.fireTimersDueBy(asked.id(), clock.instant());
        fixture.as(team.officer1());
        assertThat(rotations.get(alias, asked.id()).status()).isEqualTo(Rotation.Status.EXPIRED);
        assertThat(currentVersion(alias)).isEqualTo(1);
    }

    @Test
    void anHsmThatFailsDuringGenerationLeavesTheOldVersionCurrentAndTheRotationFailed() {
        Team team = team();
        String alias = key(team, Sensitivity.MEDIUM);
        fixture.as(team.officer1());
        Rotation asked = rotations.request(alias, "Rotate ahead of the audit.");
        fixture.decide(team.owner(), asked.id(), Decision.APPROVE, null);
        fixture.decide(team.officer2(), asked.id(), Decision.APPROVE, null);
        ((FailingBackend) hsm).down.set(true);
        workflows.runJobsOf(asked.id());
        ((FailingBackend) hsm).down.set(false);

        fixture.as(team.officer1());
        Rotation failed = rotations.get(alias, asked.id());
        assertThat(failed.status()).isEqualTo(Rotation.Status.FAILED);
        assertThat(failed.outcome()).startsWith("Approved, but not rotated: The HSM could not create the new version");
        assertThat(currentVersion(alias)).isEqualTo(1);
        assertThat(hsm.exists("kw-" + alias + "-v2")).isFalse();
        audit.sealAll();
        assertThat(jdbc.queryForObject("select outcome from audit_entry where action = 'keys.rotation.ended' "
                + "and target_id = ?", String.class, alias)).isEqualTo("FAILURE");
        fixture.as(team.officer1());
        assertThat(rotations.request(alias, "Second attempt after the HSM came back.").status())
                .as("a failed rotation does not block the next").isEqualTo(Rotation.Status.PENDING);
    }

    @Test
    void theApiOpensARotationAndListsTheLogBadInputChangesNothing() throws Exception {
        Team team = team();
        String alias = key(team, Sensitivity.LOW);
        String token = "Bearer " + people.issueToken(team.owner());
        mvc.perform(post("/api/v1/keys/{alias}/rotations", alias).header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Yearly rotation.\"}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", startsWith("/api/v1/keys/" + alias + "/rotations/")))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.oldVersion").value(1));
        mvc.perform(post("/api/v1/keys/{alias}/rotations", alias).header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Once more.\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("A rotation of " + alias + " is already under way")));
        mvc.perform(post("/api/v1/keys/{alias}/rotations", alias).header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\" \"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/keys/{alias}/rotations", alias).header("Authorization", token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].reason").value("Yearly rotation."));
        mvc.perform(get("/api/v1/keys/{alias}/rotations", alias).header("Authorization", token).accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().string(startsWith("rotation,key,trigger,reason,requester,status")));
        String employee = "Bearer " + people.issueToken(people.create("employee"));
        mvc.perform(get("/api/v1/keys/{alias}/rotations", alias).header("Authorization", employee))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select count(*) from keys_rotation where key_alias = ?", Integer.class, alias))
                .isEqualTo(1);
    }

    @Test
    void aDestroyedKeyIsNotRotated() throws Exception {
        Team team = team();
        String alias = key(team, Sensitivity.LOW);
        crypto.destroy(new AccessFixture.Cast(team.manager(), team.manager(), team.owner(), team.officer1(),
                team.officer2()), alias, clock);
        String token = "Bearer " + people.issueToken(team.officer1());
        mvc.perform(post("/api/v1/keys/{alias}/rotations", alias).header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Yearly rotation.\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Only an ACTIVE key can be rotated (a COMPROMISED one in an "
                        + "emergency rotation); " + alias + " is DESTROYED."));
        assertThat(jdbc.queryForObject("select count(*) from keys_rotation where key_alias = ?", Integer.class, alias))
                .isZero();
    }

    @Test
    void aCompromiseOpensAnEmergencyRotationTwoOtherOfficersApproveWithinHoursAndTheOldVersionIsNeverUsedAgain()
            throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.HIGH, Permission.USE_ENCRYPT,
                Permission.USE_DECRYPT);
        String alias = holder.key();
        CryptoApi api = new CryptoApi(mvc, holder.bearer());
        String before = api.encrypt(alias, "card 4111", "ctx");
        String third = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));

        fixture.as(holder.cast().officer1());
        keys.transition(alias, KeyState.COMPROMISED, "The key file was found in a public repository.");
        Rotation emergency = rotations.log(alias).get(0);
        assertThat(emergency.trigger()).isEqualTo(Rotation.Trigger.EMERGENCY);
        assertThat(emergency.status()).isEqualTo(Rotation.Status.PENDING);
        assertThat(emergency.requester()).isEqualTo(holder.cast().officer1());
        assertThat(emergency.reason()).isEqualTo("Marked compromised: The key file was found in a public repository.");
        Approval approval = approvals.get(emergency.approvalId());
        assertThat(approval.slots()).extracting(Approval.Slot::kind)
                .containsExactly(SlotKind.SECURITY_OFFICER, SlotKind.SECURITY_OFFICER);
        assertThat(Duration.between(approval.createdAt(), approval.escalateAt())).as("escalates in hours").isEqualTo(Duration.ofHours(4));
        assertThat(Duration.between(approval.createdAt(), approval.expireAt())).isEqualTo(Duration.ofHours(24));
        api.call(alias, "encrypt", CryptoApi.json("plaintext", CryptoApi.b64("x"))).andExpect(status().isConflict());
        fixture.as(holder.cast().owner());
        assertThatThrownBy(() -> rotations.request(alias, "me too")).as("owners do not ask for emergencies")
                .isInstanceOf(AccessDeniedException.class);
        fixture.as(holder.cast().officer2());
        assertThatThrownBy(() -> rotations.request(alias, "again")).as("one emergency at a time")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already under way");

        fixture.decide(holder.cast().officer2(), emergency.id(), Decision.APPROVE, null);
        fixture.decide(third, emergency.id(), Decision.APPROVE, null);
        workflows.runJobsOf(emergency.id());

        fixture.as(holder.cast().officer1());
        assertThat(rotations.get(alias, emergency.id()).status()).isEqualTo(Rotation.Status.DONE);
        ManagedKey key = keys.get(alias);
        assertThat(key.state()).isEqualTo(KeyState.ACTIVE);
        assertThat(key.history().get(key.history().size() - 1).reason())
                .isEqualTo("Emergency rotation: version 2 replaces the compromised versions.");
        assertThat(key.versions().get(0).compromisedAt()).isNotNull();
        assertThat(key.versions().get(1).compromisedAt()).isNull();
        assertThat(api.encrypt(alias, "card 4111", "ctx")).startsWith("kw:v2:");
        api.call(alias, "decrypt", CryptoApi.json("ciphertext", before, "context", CryptoApi.b64("ctx")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("'" + alias + "' version 1 was marked compromised on ")));
        api.call(alias, "rewrap", CryptoApi.json("ciphertext", before, "context", CryptoApi.b64("ctx")))
                .andExpect(status().isConflict());
    }

    @Test
    void anUndecidedEmergencyExpiresTheKeyStaysCompromisedAndAnOfficerAsksAgain() {
        Team team = team();
        String third = fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER));
        String alias = key(team, Sensitivity.MEDIUM);
        fixture.as(team.officer1());
        keys.transition(alias, KeyState.SUSPENDED, "investigating");
        keys.transition(alias, KeyState.COMPROMISED, "Confirmed: the backup tape was stolen.");
        Rotation emergency = rotations.log(alias).get(0);
        Approval approval = approvals.get(emergency.approvalId());
        clock.set(approval.expireAt().plusSeconds(1));
        workflows.fireTimersDueBy(emergency.id(), clock.instant());
        clock.reset();
        fixture.as(team.officer1());
        assertThat(rotations.get(alias, emergency.id()).status()).isEqualTo(Rotation.Status.EXPIRED);
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.COMPROMISED);

        fixture.as(team.officer2());
        Rotation again = rotations.request(alias, "Second attempt: the team is back.");
        assertThat(again.trigger()).isEqualTo(Rotation.Trigger.EMERGENCY);
        fixture.decide(team.officer1(), again.id(), Decision.APPROVE, null);
        fixture.decide(third, again.id(), Decision.APPROVE, null);
        workflows.runJobsOf(again.id());
        assertThat(currentVersion(alias)).isEqualTo(2);
        fixture.as(team.officer1());
        assertThat(keys.get(alias).state()).isEqualTo(KeyState.ACTIVE);
    }

    private Team team() {
        String manager = fixture.withPasskey(people.create("manager"));
        return new Team(manager, fixture.withPasskey(people.createReportingTo("owner", manager)),
                fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER)),
                fixture.withPasskey(people.create("officer", Roles.SECURITY_OFFICER)));
    }

    private String key(Team team, Sensitivity sensitivity) {
        String alias = "rot-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        fixture.as(team.officer1());
        keys.create(new NewKey(alias, "AES_256", KeyPurpose.ENCRYPT, sensitivity, team.owner(), null));
        keys.transition(alias, KeyState.ACTIVE, "ready");
        SecurityContextHolder.clearContext();
        return alias;
    }

    private int currentVersion(String alias) {
        fixture.as(people.create("reader"));
        return keys.usable(alias).currentVersion();
    }
}
