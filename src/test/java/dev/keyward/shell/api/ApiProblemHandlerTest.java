package dev.keyward.shell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Keyward's refusals become 4xx problem details with their message; the same JDK types thrown by a library do not. */
class ApiProblemHandlerTest {

    static final String INTERNAL = "connection pool hikari-7 closed at jdbc:postgresql://db.internal:5432";

    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Throwing())
            .setControllerAdvice(new ApiProblemHandler()).build();

    @Test
    void refusalsKeepTheirStatusAndMessage() throws Exception {
        mvc.perform(get("/throw/invalid")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Choose at least one permission."));
        mvc.perform(get("/throw/missing")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No key with alias 'nope'."));
        mvc.perform(get("/throw/conflict")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The grant has already ended (REVOKED)."));
    }

    @Test
    void libraryExceptionsOfTheSameJdkTypesAreUnexpectedErrorsWithoutTheirText() throws Exception {
        for (String kind : new String[] {"state", "argument", "element"}) {
            String body = mvc.perform(get("/throw/" + kind)).andExpect(status().isInternalServerError())
                    .andExpect(jsonPath("$.detail").value(
                            "Keyward could not complete the request. The error is logged for the administrators."))
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).doesNotContain("hikari").doesNotContain("jdbc");
        }
    }

    @RestController
    static class Throwing {

        @GetMapping("/throw/{kind}")
        String fail(@PathVariable String kind) {
            throw switch (kind) {
                case "invalid" -> new InvalidInputException("Choose at least one permission.");
                case "missing" -> new NotFoundException("No key with alias 'nope'.");
                case "conflict" -> new ConflictException("The grant has already ended (REVOKED).");
                case "state" -> new IllegalStateException(INTERNAL);
                case "argument" -> new IllegalArgumentException(INTERNAL);
                default -> new NoSuchElementException(INTERNAL);
            };
        }
    }
}
