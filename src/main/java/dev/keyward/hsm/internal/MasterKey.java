package dev.keyward.hsm.internal;

import dev.keyward.hsm.KeyCheckValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The software HSM's master key-encryption key: AES-256 in a PKCS#12 file outside the database. At start it must
 * match the check value recorded when the first key was wrapped; otherwise Keyward stops and changes nothing.
 */
final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    static final String ALIAS = "keyward-kek";

    private MasterKey() {
    }

    /** Loads (or, for a database without keys, creates) the KEK and checks it against the database. */
    static SecretKey open(String store, Path file, char[] password, JdbcTemplate jdbc) {
        if (password == null || password.length == 0) {
            throw new HsmSetupException("No password for the master key " + file + ".",
                    "Set keyward.hsm.soft.kek-password (environment variable KEYWARD_HSM_KEK_PASSWORD).");
        }
        List<String> recorded = jdbc.queryForList("select kcv from hsm_soft_kek where store = ?", String.class, store);
        SecretKey kek;
        if (Files.exists(file)) {
            kek = load(file, password);
        } else if (recorded.isEmpty()) {
            kek = create(file, password);
        } else {
            throw new HsmSetupException("The master key file " + file + " is missing, but this database holds keys "
                    + "wrapped under a master key with check value " + recorded.get(0).trim() + ".",
                    "Restore the master key file from its backup (or point keyward.hsm.soft.kek-path at it). "
                            + "Nothing was changed.");
        }
        String kcv = KeyCheckValues.aes(kek);
        if (recorded.isEmpty()) {
            jdbc.update("insert into hsm_soft_kek (store, kcv, created_at) values (?, ?, ?)", store, kcv,
                    Timestamp.from(Instant.now()));
        } else if (!recorded.get(0).trim().equals(kcv)) {
            throw new HsmSetupException("The master key in " + file + " (check value " + kcv + ") is not the one this "
                    + "database's keys are wrapped under (check value " + recorded.get(0).trim() + ").",
                    "Start Keyward with the right master key file and password. Nothing was changed.");
        }
        return kek;
    }

    private static SecretKey load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getKey(ALIAS, password) instanceof SecretKey key)) {
                throw new HsmSetupException("The keystore " + file + " holds no master key '" + ALIAS + "'.",
                        "Point keyward.hsm.soft.kek-path at Keyward's master key file. Nothing was changed.");
            }
            return key;
        } catch (IOException | GeneralSecurityException e) {
            throw new HsmSetupException("Cannot open the master key " + file + ": wrong password or a damaged file.",
                    "Check keyward.hsm.soft.kek-password (KEYWARD_HSM_KEK_PASSWORD). Nothing was changed.");
        }
    }

    private static SecretKey create(Path file, char[] password) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey kek = generator.generateKey();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setEntry(ALIAS, new KeyStore.SecretKeyEntry(kek), new KeyStore.PasswordProtection(password));
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                store.store(out, password);
            }
            log.warn("Created a new master key-encryption key in {}. Back it up apart from the database: without it "
                    + "the software HSM's keys cannot be used.", file);
            return kek;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the master key " + file, e);
        }
    }

    /** Why the software HSM refused to start, and what to do. */
}
