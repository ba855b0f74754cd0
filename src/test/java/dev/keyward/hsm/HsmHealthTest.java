package dev.keyward.hsm;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.keyward.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The HSM is part of Keyward's health; administrators see which backend and how it is. */
class HsmHealthTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void adminsSeeTheHsmInTheHealthEndpointOthersOnlyTheStatus() throws Exception {
        mvc.perform(get("/actuator/health").with(user("frank").roles("ADMIN", "EMPLOYEE")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.hsm.status").value("UP"))
                .andExpect(jsonPath("$.components.hsm.details.backend").value("soft"));
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
    }
}
