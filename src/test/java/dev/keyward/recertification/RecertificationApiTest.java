package dev.keyward.recertification;

import static dev.keyward.recertification.RecertificationFixture.overKeys;
import static dev.keyward.recertification.RecertificationFixture.revoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.access.Permission;
import dev.keyward.audit.AuditVerifier;
import dev.keyward.audit.EvidenceVerifier;
import dev.keyward.crypto.CryptoApi;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.crypto.CryptoFixture.Holder;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The campaigns API: definitions refused whole at the field to blame, the 201 and progress of a launch, the sealed
 * report that verifies offline, and a revocation that the crypto API enforces on the next call.
 */
class RecertificationApiTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    RecertificationFixture recert;
    @Autowired
    AccessFixture access;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    CampaignService campaigns;
    @Autowired
    TestPeople people;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void badDefinitionsAreRefusedAtTheirFieldAndCreateNothing() throws Exception {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        String officer = DemoTokens.bearer(people.issueToken(cast.officer1()));
        long before = count();
        String[][] cases = {
                {"{\"name\":\"x\",\"scope\":{}}", "scope", "The scope is empty"},
                {"{\"name\":\"x\"}", "scope", "Say which grants to review"},
                {"{\"name\":\"x\",\"scope\":{\"keys\":[\"" + key + "\",\"no-such-key\"]}}", "scope.keys", "no-such-key"},
                {"{\"name\":\"x\",\"scope\":{\"sensitivities\":[\"SECRET\"]}}", "scope.sensitivities", "SECRET"},
                {"{\"name\":\"x\",\"scope\":{\"all\":true},\"durationDays\":0}", "durationDays", "1 to 60 business days"},
                {"{\"name\":\"x\",\"scope\":{\"all\":true},\"durationDays\":61}", "durationDays", "not 61"},
                {"{\"name\":\"x\",\"scope\":{\"all\":true},\"noResponse\":{\"HIGH\":\"MAYBE\"}}", "noResponse.HIGH", "MAYBE"},
                {"{\"name\":\"x\",\"scope\":{\"all\":true},\"noResponse\":{\"TOP\":\"KEEP\"}}", "noResponse", "TOP"},
                {"{\"name\":\"x\",\"scope\":{\"all\":true},\"reviewers\":\"AUDITOR\"}", "reviewers", "AUDITOR"},
                {"{\"name\":\"x\",\"scope\":{\"all\":true},\"recurrence\":\"sometimes\"}", "recurrence", "ISO-8601"},
                {"{\"name\":\"\",\"scope\":{\"all\":true}}", "name", "Give the campaign a name"},
        };
        for (String[] c : cases) {
            mvc.perform(post("/api/v1/campaigns").header("Authorization", officer).contentType(MediaType.APPLICATION_JSON)
                            .content(c[0]))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value(c[1]))
                    .andExpect(jsonPath("$.detail", containsString(c[2])));
        }
        mvc.perform(post("/api/v1/campaigns").header("Authorization", officer).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"scope\":{\"all\":true},\"durationDays\":\"soon\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/campaigns").header("Authorization", DemoTokens.bearer(DemoTokens.EMPLOYEE))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"scope\":{\"all\":true}}"))
                .andExpect(status().isForbidden());
        assertThat(count()).isEqualTo(before);

        String location = mvc.perform(post("/api/v1/campaigns").header("Authorization", officer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Q4 HIGH\",\"scope\":{\"keys\":[\"" + key + "\"]},\"durationDays\":10}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/campaigns/")))
                .andExpect(jsonPath("$.status").value("LAUNCHING"))
                .andExpect(jsonPath("$.definition.noResponse.HIGH").value("REVOKE"))
                .andReturn().getResponse().getHeader("Location");
        assertThat(count()).isEqualTo(before + 1);
        mvc.perform(get(location).header("Authorization", officer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.progress.items").isNumber())
                .andExpect(jsonPath("$.progress.pending").isNumber())
                .andExpect(jsonPath("$.progress.kept").isNumber())
                .andExpect(jsonPath("$.progress.revoked").isNumber())
                .andExpect(jsonPath("$.progress.reduced").isNumber());
        mvc.perform(get(location + "/report").header("Authorization", officer))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("once the campaign has closed")));
    }

    @Test
    void theClosedCampaignsReportIsSealedWithTheAuditKeyAndVerifiesOffline(@TempDir Path dir) throws Exception {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.HIGH, cast.owner(), cast.officer1());
        Instant now = clock.instant();
        String grant = recert.grant(cast.requester(), key, Set.of(Permission.USE_ENCRYPT), now.minus(Duration.ofDays(40)),
                now.plus(Duration.ofDays(1)));
        Campaign campaign = recert.launch(cast.officer1(), overKeys("evidence", "MANAGER", List.of(key)));
        recert.decide(cast.manager(), revoke(recert.pendingOf(cast.manager(), campaign.id()).get(0)));
        access.as(cast.officer1());
        campaigns.close(campaign.id());
        SecurityContextHolder.clearContext();

        String auditor = DemoTokens.bearer(DemoTokens.AUDITOR);
        byte[] zip = mvc.perform(get("/api/v1/campaigns/{id}/report", campaign.id()).header("Authorization", auditor))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/zip"))
                .andReturn().getResponse().getContentAsByteArray();
        String pem = mvc.perform(get("/api/v1/audit/public-key").header("Authorization", auditor))
                .andReturn().getResponse().getContentAsString();
        Path keyFile = Files.writeString(dir.resolve("audit-public.pem"), pem);
        PublicKey publicKey = AuditVerifier.readPublicKey(keyFile);
        Path sealed = Files.write(dir.resolve("report.zip"), zip);

        EvidenceVerifier.Result result = EvidenceVerifier.verify(sealed, publicKey);
        assertThat(result.valid()).as(result.problem()).isTrue();
        assertThat(result.files()).containsExactly("campaign-" + campaign.id() + ".json", "campaign-" + campaign.id() + ".csv");
        String csv = entry(zip, "campaign-" + campaign.id() + ".csv");
        assertThat(csv).contains(grant).contains("REVOKED").contains(cast.manager()).contains(",true,");
        String json = entry(zip, "campaign-" + campaign.id() + ".json");
        assertThat(json).contains("\"signatureVerified\" : true").contains("\"grantStatusNow\" : \"REVOKED\"");

        Path tampered = Files.write(dir.resolve("tampered.zip"), replace(zip, "campaign-" + campaign.id() + ".csv",
                csv.replace("REVOKED", "KEPT")));
        EvidenceVerifier.Result refused = EvidenceVerifier.verify(tampered, publicKey);
        assertThat(refused.valid()).isFalse();
        assertThat(refused.problem()).contains("was changed after it was sealed");
    }

    @Test
    void aGrantRevokedByAReviewIsRefusedAtTheCryptoApiOnItsNextCall() throws Exception {
        Holder holder = crypto.holder("AES_256", KeyPurpose.ENCRYPT, Sensitivity.HIGH, Permission.USE_ENCRYPT);
        CryptoApi api = new CryptoApi(mvc, holder.bearer());
        assertThat(api.encrypt(holder.key(), "before the review", null)).startsWith("kw:v1:");
        Cast cast = holder.cast();
        Campaign campaign = recert.launch(cast.officer1(), overKeys("crypto", "MANAGER", List.of(holder.key())));

        recert.decide(cast.manager(), revoke(recert.pendingOf(cast.manager(), campaign.id()).get(0)));

        api.call(holder.key(), "encrypt", CryptoApi.json("plaintext", CryptoApi.b64("after the review")))
                .andExpect(status().isForbidden());
        access.as(cast.officer1());
        assertThat(campaigns.get(campaign.id()).progress().revoked()).isEqualTo(1);
        SecurityContextHolder.clearContext();
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from recert_campaign", Long.class);
    }

    private static String entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name);
    }

    private static byte[] replace(byte[] zip, String name, String content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                copy.putNextEntry(new ZipEntry(e.getName()));
                copy.write(e.getName().equals(name) ? content.getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
                copy.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
