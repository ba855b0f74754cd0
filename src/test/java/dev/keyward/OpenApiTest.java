package dev.keyward;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The published API description names Keyward's endpoints and its bearer-token scheme. */
class OpenApiTest extends IntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void describesTheApiAndItsTokenScheme() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("Keyward API"))
                .andExpect(jsonPath("$.components.securitySchemes.apiToken.scheme").value("bearer"))
                .andExpect(jsonPath("$.paths['/api/v1/me/tokens'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/people/{username}/unlock'].post").exists());
    }
}
