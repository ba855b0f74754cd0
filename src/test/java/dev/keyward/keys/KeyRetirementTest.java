package dev.keyward.keys;

import static dev.keyward.crypto.CryptoApi.b64;
import static dev.keyward.crypto.CryptoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.access.AccessPolicyService;
import dev.keyward.access.AccessRequest;
import dev.keyward.access.AccessRequestService;
import dev.keyward.access.NewAccessRequest;
import dev.keyward.access.Permission;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.ApprovalService;
import dev.keyward.approvals.SlotKind;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.crypto.CryptoApi;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.crypto.internal.UsageMeter;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.Workflows;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Retiring an old key version on the real engine (bpmn/KeyVersionRetirement.bpmn calling bpmn/Approval.bpmn), gated
 * by the rewrap census the crypto API meters per version: refused while the version is in use, allowed once it has
 * been quiet, or with an override its approvers sign; use after the request keeps the version.
 */
class KeyRetirementTest extends IntegrationTest {

    @Autowired
    KeyRetirementService retirements;
    @Autowired
    KeyService keys;
    @Autowired
    ApprovalService approvals;
    @Autowired
    AccessFixture fixture;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    AccessRequestService requests;
    @Autowired
    AccessPolicyService policy;
    @Autowired
    UsageMeter meter;
    @Autowired
    Workflows workflows;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theCensusBlocksRetiringAVersionInUseAndAllowsItOnceTheVersionIsQuiet() throws Exception {
        Cast cast = fixture.cast();
        String alias = crypto.key(cast, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM);
        String grantee = grant(cast, alias);
        CryptoApi app = new CryptoApi(mvc, crypto.holderToken(grantee));
        String old = app.encrypt(alias, "ledger 2019", "ctx");
        crypto.rotate(cast, alias);
        assertThat(app.decrypt(alias, old, "ctx")).isEqualTo("ledger 2019");
        assertThat(app.encrypt(alias, "ledger 2020", "ctx")).startsWith("kw:v2:");
        meter.flush();

        String owner = crypto.holderToken(cast.owner());
        mvc.perform(get("/api/v1/keys/{a}/census", alias).header("Authorization", owner))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.versions[0].version").value(2))
                .andExpect(jsonPath("$.versions[0].current").value(true))
                .andExpect(jsonPath("$.versions[0].uses").value(1))
                .andExpect(jsonPath("$.versions[1].version").value(1))
                .andExpect(jsonPath("$.versions[1].uses").value(2))
                .andExpect(jsonPath("$.versions[1].callers[0].principal").value(grantee));
        mvc.perform(get("/api/v1/keys/{a}/census", alias).param("days", "0").header("Authorization", owner))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("days"));

        mvc.perform(post("/api/v1/keys/{a}/versions/1/retirements", alias).header("Authorization", owner)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"everything is rewrapped\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("Version 1 of " + alias + " is still in use: Version 1 "
                        + "was used 2 times since ")));
        mvc.perform(post("/api/v1/keys/{a}/versions/2/retirements", alias).header("Authorization", owner)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"no\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("Version 2 is the current version of " + alias)));
        mvc.perform(post("/api/v1/keys/{a}/versions/3/retirements", alias).header("Authorization", owner)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"no\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("version"));
        assertThat(jdbc.queryForObject("select count(*) from keys_retirement where key_alias = ?", Integer.class, alias))
                .isZero();

        clock.advance(Duration.ofDays(31));
        fixture.as(cast.owner());
        Retirement asked = retirements.request(alias, 1, new Retirement.Request("Every v1 ciphertext was rewrapped.", null));
        assertThat(asked.inUse()).isEmpty();
        Approval approval = approvals.get(asked.approvalId());
        assertThat(approval.slots()).extracting(Approval.Slot::kind).containsExactly(SlotKind.KEY_OWNER, SlotKind.SECURITY_OFFICER);
        assertThat(approval.facts().get("version").toString()).contains("number=1");
        fixture.approveAll(cast, asked.id());
        fixture.as(cast.owner());
        assertThat(retirements.get(alias, asked.id()).status()).isEqualTo(Retirement.Status.RETIRED);
        assertThat(keys.get(alias).versions().get(0).retiredAt()).isNotNull();
        clock.reset();

        app.call(alias, "decrypt", json("ciphertext", old, "context", b64("ctx")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("'" + alias + "' version 1 was retired on ")));
        assertThat(app.encrypt(alias, "ledger 2021", "ctx")).as("the current version serves on").startsWith("kw:v2:");
        audit.sealAll();
        assertThat(jdbc.queryForList("select action from audit_entry where target_type = 'key' and target_id = ? "
                + "and action like 'keys.%retire%' order by seq", String.class, alias))
                .containsExactly("keys.retirement.requested", "keys.version.retired");
    }

    @Test
    void anOverrideIsSignedByTheApproversAndUseAfterTheRequestKeepsTheVersion() throws Exception {
        Cast cast = fixture.cast();
        String alias = crypto.key(cast, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM);
        String grantee = grant(cast, alias);
        CryptoApi app = new CryptoApi(mvc, crypto.holderToken(grantee));
        String old = app.encrypt(alias, "archive", "ctx");
        crypto.rotate(cast, alias);
        app.decrypt(alias, old, "ctx");
        meter.flush();

        fixture.as(cast.officer1());
        Retirement overridden = retirements.request(alias, 1, new Retirement.Request("Quarterly clean-up.",
                "The batch reading v1 is switched off tonight."));
        assertThat(overridden.inUse()).singleElement().asString().startsWith("Version 1 was used 2 times since ");
        assertThat(approvals.get(overridden.approvalId()).facts())
                .containsEntry("override", "The batch reading v1 is switched off tonight.");
        fixture.approveAll(cast, overridden.id());
        fixture.as(cast.owner());
        assertThat(retirements.get(alias, overridden.id()).status()).isEqualTo(Retirement.Status.RETIRED);

        String other = crypto.key(cast, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM);
        String reader = grant(cast, other);
        String early = new CryptoApi(mvc, crypto.holderToken(reader)).encrypt(other, "archive", "ctx");
        crypto.rotate(cast, other);
        clock.advance(Duration.ofDays(31));
        fixture.as(cast.owner());
        Retirement quiet = retirements.request(other, 1, new Retirement.Request("Nobody reads v1 any more.", null));
        clock.advance(Duration.ofDays(1));
        new CryptoApi(mvc, crypto.holderToken(reader)).decrypt(other, early, "ctx");
        meter.flush();
        fixture.approveAll(cast, quiet.id());
        clock.reset();
        fixture.as(cast.owner());
        Retirement refused = retirements.get(other, quiet.id());
        assertThat(refused.status()).isEqualTo(Retirement.Status.REFUSED);
        assertThat(refused.outcome()).startsWith("Approved, but not retired: Version 1 was used 1 time since ")
                .contains(reader);
        assertThat(keys.get(other).versions().get(0).retiredAt()).isNull();
    }

    /** A grant of encrypt and decrypt on {@code key} for 90 days, through the whole access workflow. */
    private String grant(Cast cast, String key) {
        fixture.as(cast.requester());
        policy.acknowledge(policy.current().version());
        AccessRequest request = requests.submit(new NewAccessRequest(key, Set.of(Permission.USE_ENCRYPT,
                Permission.USE_DECRYPT), null, AccessFixture.JUSTIFICATION, 90, null));
        fixture.approveAll(cast, request.id());
        workflows.runJobsOf(request.id());
        SecurityContextHolder.clearContext();
        return cast.requester();
    }
}
