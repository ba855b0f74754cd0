package dev.keyward.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** What Keyward asks of authenticators: discoverable passkeys and user verification, every time. */
class PasskeyOptionsTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void registrationRequiresADiscoverableCredentialAndUserVerification() throws Exception {
        mvc.perform(post("/webauthn/register/options").with(user("alice").roles("EMPLOYEE")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rp.id").value("localhost"))
                .andExpect(jsonPath("$.authenticatorSelection.residentKey").value("required"))
                .andExpect(jsonPath("$.authenticatorSelection.userVerification").value("required"));
    }

    @Test
    void signInRequiresUserVerification() throws Exception {
        mvc.perform(post("/webauthn/authenticate/options").with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userVerification").value("required"))
                .andExpect(jsonPath("$.rpId").value("localhost"));
    }

    @Test
    void passkeyCeremoniesNeedTheCsrfToken() throws Exception {
        mvc.perform(post("/webauthn/authenticate/options")).andExpect(status().isForbidden());
        mvc.perform(post("/login/webauthn").contentType("application/json").content("{}")).andExpect(status().isForbidden());
    }
}
