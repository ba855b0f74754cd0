package dev.keyward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the module map of ARCHITECTURE.md true and writes the module diagrams that docs/ links to. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(KeywardApplication.class);

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        MODULES.verify();
    }

    @Test
    void everyModuleOfTheArchitectureExists() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .containsExactlyInAnyOrder("audit", "hsm", "identity", "approvals", "keys", "access", "crypto",
                        "recertification", "offboarding", "backup", "notifications", "shell", "common", "privileges");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        assertThat(Path.of("docs/modules/components.puml")).content().contains("Identity").contains("Shell");
        assertThat(Path.of("docs/modules/module-identity.adoc")).exists();
    }
}
