package dev.keyward.crypto;

import static dev.keyward.crypto.CryptoApi.b64;
import static dev.keyward.crypto.CryptoApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.access.Permission;
import dev.keyward.approvals.Approval;
import dev.keyward.approvals.SlotKind;
import dev.keyward.audit.AuditTestSupport;
import dev.keyward.identity.ApiToken;
import dev.keyward.identity.ServiceAccount;
import dev.keyward.identity.ServiceAccountService;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.Sensitivity;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Service accounts: an owner creates one, issues its token, requests access for it through the workflow, and the
 * application then uses the key with its own token, reaching nothing but the crypto API and the key catalogue.
 * Disabling the account, revoking the token or the owner leaving stops it on the next call.
 */
class ServiceAccountsTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AccessFixture access;
    @Autowired
    CryptoFixture crypto;
    @Autowired
    TestPeople people;
    @Autowired
    AuditTestSupport audit;
    @Autowired
    ServiceAccountService serviceAccounts;

    @Test
    void anOwnersApplicationUsesItsGrantAndNothingElse() throws Exception {
        Cast cast = access.cast();
        String owner = DemoTokens.bearer(people.issueToken(cast.requester()));
        String name = "app-" + Long.toString(System.nanoTime(), 36);
        call(owner, post("/api/v1/service-accounts"), "{\"name\":\"" + name + "\",\"description\":\"Settles card payments\"}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.owner").value(cast.requester()))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        String issued = call(owner, post("/api/v1/service-accounts/{name}/tokens", name), "{\"name\":\"prod\",\"expiresInDays\":30}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String appToken = DemoTokens.bearer(JsonPath.read(issued, "$.secret"));
        long tokenId = ((Number) JsonPath.read(issued, "$.token.id")).longValue();

        String key = crypto.key(cast, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.MEDIUM);
        String grant = crypto.grant(cast, name, key, Permission.USE_ENCRYPT, Permission.USE_DECRYPT);
        CryptoApi app = new CryptoApi(mvc, appToken);
        String ciphertext = app.encrypt(key, "pan", "order-1");
        assertThat(app.decrypt(key, ciphertext, "order-1")).isEqualTo("pan");
        new CryptoApi(mvc, owner).call(key, "encrypt", json("plaintext", b64("x"))).andExpect(status().isForbidden());

        call(appToken, get("/api/v1/keys/{alias}", key), null).andExpect(status().isOk());
        for (var request : List.of(get("/api/v1/me"), get("/api/v1/grants"), get("/api/v1/service-accounts"),
                post("/api/v1/keys/{alias}/rotations", key))) {
            call(appToken, request, "{\"reason\":\"x\"}").andExpect(status().isForbidden());
        }
        call(owner, get("/api/v1/grants").param("principal", name), null).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(grant));

        call(owner, put("/api/v1/service-accounts/{name}/status", name), "{\"status\":\"DISABLED\"}").andExpect(status().isOk());
        app.call(key, "encrypt", json("plaintext", b64("x"))).andExpect(status().isUnauthorized());
        call(owner, put("/api/v1/service-accounts/{name}/status", name), "{\"status\":\"ACTIVE\"}").andExpect(status().isOk());
        app.call(key, "encrypt", json("plaintext", b64("x"))).andExpect(status().isOk());
        call(owner, delete(
                "/api/v1/service-accounts/{name}/tokens/{id}", name, tokenId), null).andExpect(status().isOk());
        app.call(key, "encrypt", json("plaintext", b64("x"))).andExpect(status().isUnauthorized());

        audit.sealAll();
        assertThat(audit.entries("identity.service-account.created")).anyMatch(e -> name.equals(e.get("target_id"))
                && cast.requester().equals(e.get("actor_id")));
        assertThat(audit.entries("identity.api-token.rejected")).anyMatch(e -> e.get("details").toString()
                .contains("SERVICE_ACCOUNT_DISABLED"));
    }

    @Test
    void theOwnerLeavingStopsTheApplicationAndOthersCannotTouchIt() throws Exception {
        Cast cast = access.cast();
        String owner = DemoTokens.bearer(people.issueToken(cast.requester()));
        String name = "app-" + Long.toString(System.nanoTime(), 36);
        call(owner, post("/api/v1/service-accounts"), "{\"name\":\"" + name + "\",\"description\":\"Batch job\"}")
                .andExpect(status().isCreated());
        String appToken = DemoTokens.bearer(JsonPath.read(call(owner, post("/api/v1/service-accounts/{name}/tokens", name),
                "{\"name\":\"prod\",\"expiresInDays\":30}").andReturn().getResponse().getContentAsString(), "$.secret"));
        String key = crypto.key(cast, "HMAC_SHA256", KeyPurpose.MAC, Sensitivity.LOW);
        crypto.grant(cast, name, key, Permission.USE_SIGN);
        new CryptoApi(mvc, appToken).mac(key, "x");

        String stranger = DemoTokens.bearer(DemoTokens.EMPLOYEE);
        call(stranger, get("/api/v1/service-accounts/{name}", name), null).andExpect(status().isNotFound());
        call(stranger, post("/api/v1/service-accounts/{name}/tokens", name), "{\"name\":\"mine\",\"expiresInDays\":1}")
                .andExpect(status().isNotFound());
        call(DemoTokens.bearer(DemoTokens.SECURITY_OFFICER), post("/api/v1/service-accounts/{name}/tokens", name),
                "{\"name\":\"officer\",\"expiresInDays\":1}").andExpect(status().isForbidden());
        assertThatThrownBy(() -> access.request(cast.owner(), key, Set.of(Permission.USE_SIGN), name))
                .as("only the owner requests access for a service account")
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("'" + name + "' is neither.");
        call(owner, post("/api/v1/service-accounts"), "{\"name\":\"alice\",\"description\":\"Taken by a person\"}")
                .andExpect(status().isConflict());
        call(DemoTokens.bearer(DemoTokens.ADMIN), post("/api/v1/people"), "{\"username\":\"" + name
                + "\",\"displayName\":\"Clash\",\"email\":\"clash@example.test\"}").andExpect(status().isConflict());

        call(DemoTokens.bearer(DemoTokens.ADMIN), put("/api/v1/people/{username}/status", cast.requester()),
                "{\"status\":\"LEFT\"}").andExpect(status().isOk());
        new CryptoApi(mvc, appToken).call(key, "mac", json("message", b64("x"))).andExpect(status().isUnauthorized());
    }

    @Test
    void theDemoApplicationBelongsToCarolAndItsSeededTokenActsAsIt() throws Exception {
        String token = DemoTokens.bearer("kwt_test_payments_app");
        call(token, get("/api/v1/keys/{alias}", "payments-dek"), null).andExpect(status().isOk());
        call(token, get("/api/v1/me"), null).andExpect(status().isForbidden());
        people.signIn("carol");
        assertThat(serviceAccounts.mine()).extracting(ServiceAccount::name).contains("payments-app");
        assertThat(serviceAccounts.tokens("payments-app")).extracting(ApiToken::name).contains("demo token");
    }

    @Test
    void theOwnerOfTheBeneficiaryNeverApproves() {
        Cast cast = access.cast();
        String key = access.activeKey(Sensitivity.MEDIUM, cast.owner(), cast.officer1());
        people.signIn(cast.owner());
        String name = "app-" + Long.toString(System.nanoTime(), 36);
        serviceAccounts.create(name, "Owned by the key owner");
        Approval approval = access.request(cast.owner(), key, Set.of(Permission.USE_ENCRYPT), name).approval();
        assertThat(approval.conflicted()).containsKeys(cast.owner(), name);
        Approval.Slot ownerSlot = approval.slots().get(1);
        assertThat(ownerSlot.kind()).isEqualTo(SlotKind.KEY_OWNER);
        assertThat(ownerSlot.approver()).as("the key owner's slot goes to the security officers").isNull();
        assertThat(ownerSlot.routedReason()).isEqualTo("The key owner " + cast.owner()
                + " asked for this.");
    }

    private ResultActions call(String bearer, MockHttpServletRequestBuilder request,
                               String body) throws Exception {
        request.header("Authorization", bearer);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }
}
