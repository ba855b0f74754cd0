package dev.keyward.shell.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs: every /api/v1 call takes a personal or service API token. */
@Configuration
class OpenApiConfiguration {

    static final String BEARER = "apiToken";

    @Bean
    OpenAPI keywardOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Keyward API").version("v1")
                        .description("Governed access to cryptographic keys. Authenticate with "
                                + "'Authorization: Bearer kwt_...' (create tokens under My security). Errors are "
                                + "RFC 9457 problem details."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("A Keyward API token (kwt_...)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
