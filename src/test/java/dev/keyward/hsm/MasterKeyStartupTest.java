package dev.keyward.hsm;

import dev.keyward.support.TestWitness;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyward.KeywardApplication;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/** Keyward refuses to start with a wrong or missing master key, and leaves the database as it was. */
class MasterKeyStartupTest {

    static final Path DIR = Path.of("target", "master-key-startup");
    static final String DB = "jdbc:h2:file:./" + DIR + "/keyward;DB_CLOSE_ON_EXIT=FALSE";
    static final Path KEK = DIR.resolve("kek.p12");

    @BeforeAll
    static void aDatabaseWithAWrappedKey() throws Exception {
        FileSystemUtils.deleteRecursively(DIR);
        Files.createDirectories(DIR);
        try (var app = start(KEK, "right password")) {
            app.getBean(HsmBackend.class).generate("payments-dek", KeyAlgorithm.AES_256);
        }
    }

    @Test
    void aWrongPasswordStopsStartup() throws Exception {
        List<String> before = snapshot();
        assertThatThrownBy(() -> start(KEK, "wrong password").close())
                .hasRootCauseMessage("Cannot open the master key " + KEK + ": wrong password or a damaged file.");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anotherMasterKeyStopsStartup() throws Exception {
        Path other = DIR.resolve("other-kek.p12");
        writeKeystore(other, "right password");
        List<String> before = snapshot();
        assertThatThrownBy(() -> start(other, "right password").close())
                .rootCause().hasMessageContaining("is not the one this database's keys are wrapped under");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aMissingMasterKeyStopsStartupInsteadOfMakingANewOne() throws Exception {
        Path missing = DIR.resolve("missing-kek.p12");
        List<String> before = snapshot();
        assertThatThrownBy(() -> start(missing, "right password").close())
                .rootCause().hasMessageContaining("is missing, but this database holds keys");
        assertThat(Files.exists(missing)).isFalse();
        assertThat(snapshot()).isEqualTo(before);
    }

    private static ConfigurableApplicationContext start(Path kek, String password) {
        return new SpringApplicationBuilder(KeywardApplication.class).run(
                "--spring.profiles.active=demo", "--spring.datasource.url=" + DB, "--server.port=0", TestWitness.ownWitness(),
                "--keyward.hsm.soft.kek-path=" + kek, "--keyward.hsm.soft.kek-password=" + password);
    }

    /** The soft HSM's rows, as text, straight from the database file. */
    private static List<String> snapshot() throws Exception {
        List<String> rows = new ArrayList<>();
        try (var c = DriverManager.getConnection(DB, "sa", "");
             var rs = c.createStatement().executeQuery(
                     "select label, wrapped_material, kcv from hsm_soft_key union all select store, '', kcv from hsm_soft_kek")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        assertThat(rows).as("the wrapped key and the master key's check value").hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(r -> assertThat(r).startsWith("payments-dek|"));
        return rows;
    }

    private static void writeKeystore(Path file, String password) throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password.toCharArray());
        store.setEntry("keyward-kek", new KeyStore.SecretKeyEntry(generator.generateKey()),
                new KeyStore.PasswordProtection(password.toCharArray()));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }
}
