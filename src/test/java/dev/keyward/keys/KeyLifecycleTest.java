package dev.keyward.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.hsm.HsmBackend;
import dev.keyward.identity.Roles;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/** The NIST SP 800-57 state machine, exhaustively: every allowed move works, every other is refused unchanged. */
class KeyLifecycleTest extends IntegrationTest {

    /** How to bring a new key into each state. */
    static final Map<KeyState, List<KeyState>> PATHS = Map.of(
            KeyState.PRE_ACTIVATION, List.of(),
            KeyState.ACTIVE, List.of(KeyState.ACTIVE),
            KeyState.SUSPENDED, List.of(KeyState.ACTIVE, KeyState.SUSPENDED),
            KeyState.DEACTIVATED, List.of(KeyState.ACTIVE, KeyState.DEACTIVATED),
            KeyState.COMPROMISED, List.of(KeyState.COMPROMISED),
            KeyState.DESTROY_SCHEDULED, List.of(KeyState.ACTIVE, KeyState.DEACTIVATED, KeyState.DESTROY_SCHEDULED),
            KeyState.DESTROYED, List.of(KeyState.ACTIVE, KeyState.DEACTIVATED, KeyState.DESTROY_SCHEDULED, KeyState.DESTROYED));

    @Autowired
    KeyService keys;
    @Autowired
    HsmBackend hsm;
    @Autowired
    TestPeople testPeople;
    @Autowired
    MockMvc mvc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyTransitionIsAllowedOrRefusedExactlyAsTheLifecycleSays() {
        String officer = testPeople.create("officer", Roles.SECURITY_OFFICER);
        String owner = testPeople.create("owner");
        List<String> wrong = new ArrayList<>();
        for (KeyState from : KeyState.values()) {
            for (KeyState to : KeyState.values()) {
                as(officer, Roles.SECURITY_OFFICER);
                String alias = keyIn(from, owner);
                ManagedKey before = keys.get(alias);
                // A scheduled destruction may only be cancelled back to where it came from (here DEACTIVATED).
                boolean expected = from.canMoveTo(to) && !(from == KeyState.DESTROY_SCHEDULED && to == KeyState.COMPROMISED);
                if (to == KeyState.DESTROYED) {
                    clock.advance(Duration.ofDays(8));
                }
                boolean moved;
                try {
                    moved = keys.transition(alias, to, "exhaustive test").state() == to;
                } catch (IllegalStateException refused) {
                    moved = false;
                    ManagedKey after = keys.get(alias);
                    assertThat(after.state()).isEqualTo(before.state());
                    assertThat(after.history()).hasSameSizeAs(before.history());
                } finally {
                    clock.reset();
                }
                if (moved != expected) {
                    wrong.add(from + " -> " + to + (expected ? " was refused" : " was allowed"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void destructionWaitsItsPeriodThenDestroysTheHsmKey() {
        String officer = testPeople.create("officer", Roles.SECURITY_OFFICER);
        as(officer, Roles.SECURITY_OFFICER);
        String alias = keyIn(KeyState.DESTROY_SCHEDULED, testPeople.create("owner"));
        String label = keys.get(alias).versions().get(0).hsmLabel();
        assertThatThrownBy(() -> keys.transition(alias, KeyState.DESTROYED, "too early"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("waiting period");
        assertThat(hsm.exists(label)).isTrue();
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        ManagedKey destroyed = keys.transition(alias, KeyState.DESTROYED, "retired");
        assertThat(destroyed.state()).isEqualTo(KeyState.DESTROYED);
        assertThat(hsm.exists(label)).isFalse();
        assertThat(destroyed.versions()).hasSize(1);
        assertThat(destroyed.history()).extracting(ManagedKey.StateChange::to).containsExactly(KeyState.PRE_ACTIVATION,
                KeyState.ACTIVE, KeyState.DEACTIVATED, KeyState.DESTROY_SCHEDULED, KeyState.DESTROYED);
    }

    @Test
    void ownersActivateAndSuspendOnlyTheirOwnKeys() {
        String officer = testPeople.create("officer", Roles.SECURITY_OFFICER);
        String owner = testPeople.create("owner");
        as(officer, Roles.SECURITY_OFFICER);
        String alias = keyIn(KeyState.PRE_ACTIVATION, owner);

        as(owner, Roles.EMPLOYEE);
        assertThat(keys.transition(alias, KeyState.ACTIVE, "go live").state()).isEqualTo(KeyState.ACTIVE);
        assertThat(keys.transition(alias, KeyState.SUSPENDED, "pause").state()).isEqualTo(KeyState.SUSPENDED);
        assertThatThrownBy(() -> keys.transition(alias, KeyState.COMPROMISED, "owner cannot"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(keys.get(alias).versions()).as("owners see versions").hasSize(1);

        as(testPeople.create("other"), Roles.EMPLOYEE);
        assertThatThrownBy(() -> keys.transition(alias, KeyState.ACTIVE, "not mine"))
                .isInstanceOf(AccessDeniedException.class);
        ManagedKey catalogue = keys.get(alias);
        assertThat(catalogue.restricted()).isTrue();
        assertThat(catalogue.versions()).as("employees see the catalogue only").isEmpty();
        assertThat(catalogue.state()).isEqualTo(KeyState.SUSPENDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA_2048", "rsa-1024", "DES", "3DES", "AES_128_ECB", "HMAC_SHA1", "EC_P192", "BLOWFISH"})
    void weakOrUnknownAlgorithmsAreRefusedWithAReason(String algorithm) throws Exception {
        mvc.perform(post("/api/v1/keys").header("Authorization", DemoTokens.bearer(DemoTokens.SECURITY_OFFICER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"alias\":\"weak-key\",\"algorithm\":\"" + algorithm + "\",\"purpose\":\"ENCRYPT\","
                                + "\"sensitivity\":\"LOW\",\"owner\":\"carol\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void theApiCreatesAKeyWithItsCheckValueAndRefusesBadMovesWith409() throws Exception {
        String alias = "api-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        mvc.perform(post("/api/v1/keys").header("Authorization", DemoTokens.bearer(DemoTokens.SECURITY_OFFICER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"alias\":\"" + alias + "\",\"algorithm\":\"AES_256\",\"purpose\":\"ENCRYPT\","
                                + "\"sensitivity\":\"MEDIUM\",\"owner\":\"carol\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("PRE_ACTIVATION"))
                .andExpect(jsonPath("$.versions[0].kcv").value(matchesPattern("[0-9A-F]{6}")));
        mvc.perform(post("/api/v1/keys/{a}/transitions", alias).header("Authorization", DemoTokens.bearer(DemoTokens.SECURITY_OFFICER))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"DESTROYED\",\"reason\":\"no\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("A key in state PRE_ACTIVATION cannot move to DESTROYED; it may move to [ACTIVE, COMPROMISED]."));
        mvc.perform(post("/api/v1/keys").header("Authorization", DemoTokens.bearer(DemoTokens.SECURITY_OFFICER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"alias\":\"" + alias + "\",\"algorithm\":\"AES_256\",\"purpose\":\"ENCRYPT\","
                                + "\"sensitivity\":\"MEDIUM\",\"owner\":\"carol\"}"))
                .andExpect(status().isConflict());
    }

    private String keyIn(KeyState state, String owner) {
        String alias = "k-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        keys.create(new NewKey(alias, "AES_256", KeyPurpose.ENCRYPT, Sensitivity.LOW, owner, null));
        for (KeyState step : PATHS.get(state)) {
            if (step == KeyState.DESTROYED) {
                clock.advance(Duration.ofDays(8));
            }
            keys.transition(alias, step, "setting up");
        }
        clock.reset();
        return alias;
    }

    private static void as(String username, String... roles) {
        var authorities = AuthorityUtils.createAuthorityList(Arrays.stream(roles).map(Roles::authority).toList());
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(username, null, authorities));
    }
}
