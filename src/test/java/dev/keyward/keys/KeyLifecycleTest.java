package dev.keyward.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.access.AccessFixture;
import dev.keyward.access.AccessFixture.Cast;
import dev.keyward.crypto.CryptoFixture;
import dev.keyward.identity.Roles;
import dev.keyward.support.DemoTokens;
import dev.keyward.support.IntegrationTest;
import dev.keyward.support.TestPeople;
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

/**
 * The NIST SP 800-57 state machine, exhaustively: every direct move works, every other is refused unchanged (the
 * destruction's moves belong to its approved workflow: KeyDestructionTest).
 */
class KeyLifecycleTest extends IntegrationTest {

    /**
     * How to bring a new key into each state by direct moves; DEACTIVATED and the destruction states then through their
     * approved workflows.
     */
    static final Map<KeyState, List<KeyState>> PATHS = Map.of(
            KeyState.PRE_ACTIVATION, List.of(),
            KeyState.ACTIVE, List.of(KeyState.ACTIVE),
            KeyState.SUSPENDED, List.of(KeyState.ACTIVE, KeyState.SUSPENDED),
            KeyState.DEACTIVATED, List.of(KeyState.ACTIVE),
            KeyState.COMPROMISED, List.of(KeyState.COMPROMISED),
            KeyState.DESTROY_SCHEDULED, List.of(KeyState.ACTIVE),
            KeyState.DESTROYED, List.of(KeyState.ACTIVE));

    @Autowired
    KeyService keys;
    @Autowired
    TestPeople testPeople;
    @Autowired
    MockMvc mvc;
    @Autowired
    AccessFixture fixture;
    @Autowired
    CryptoFixture crypto;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyTransitionIsAllowedOrRefusedExactlyAsTheLifecycleSays() {
        Cast cast = fixture.cast();
        List<String> wrong = new ArrayList<>();
        for (KeyState from : KeyState.values()) {
            for (KeyState to : KeyState.values()) {
                String alias = keyIn(from, cast);
                as(cast.officer1(), Roles.SECURITY_OFFICER);
                ManagedKey before = keys.get(alias);
                assertThat(before.state()).isEqualTo(from);
                boolean expected = from.directMoves().contains(to);
                boolean moved;
                try {
                    moved = keys.transition(alias, to, "exhaustive test").state() == to;
                } catch (IllegalStateException refused) {
                    moved = false;
                    ManagedKey after = keys.get(alias);
                    assertThat(after.state()).isEqualTo(before.state());
                    assertThat(after.history()).hasSameSizeAs(before.history());
                }
                if (moved != expected) {
                    wrong.add(from + " -> " + to + (expected ? " was refused" : " was allowed"));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(KeyState.ACTIVE.directMoves()).containsExactlyInAnyOrder(KeyState.SUSPENDED, KeyState.COMPROMISED);
        assertThat(KeyState.SUSPENDED.approvedMoves()).containsExactlyInAnyOrder(KeyState.ACTIVE, KeyState.DEACTIVATED);
        assertThat(KeyState.DESTROY_SCHEDULED.directMoves()).isEmpty();
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
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"DEACTIVATED\",\"reason\":\"no\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("A key in state PRE_ACTIVATION cannot move to DEACTIVATED; it may move to [ACTIVE, COMPROMISED]."));
        mvc.perform(post("/api/v1/keys/{a}/transitions", alias).header("Authorization", DemoTokens.bearer(DemoTokens.SECURITY_OFFICER))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"DESTROYED\",\"reason\":\"no\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(startsWith("Destroying a key is an approved change: request its "
                        + "destruction")));
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
            keys.transition(alias, step, "setting up");
        }
        return alias;
    }

    /** A key of the cast's owner in {@code state}, created by its first officer. */
    private String keyIn(KeyState state, Cast cast) {
        as(cast.officer1(), Roles.SECURITY_OFFICER);
        String alias = keyIn(state, cast.owner());
        if (state == KeyState.DEACTIVATED) {
            crypto.changeState(cast, alias, KeyState.DEACTIVATED);
        } else if (state == KeyState.DESTROY_SCHEDULED) {
            crypto.scheduleDestruction(cast, alias);
        } else if (state == KeyState.DESTROYED) {
            crypto.destroy(cast, alias, clock);
        }
        return alias;
    }

    private static void as(String username, String... roles) {
        var authorities = AuthorityUtils.createAuthorityList(Arrays.stream(roles).map(Roles::authority).toList());
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(username, null, authorities));
    }
}
