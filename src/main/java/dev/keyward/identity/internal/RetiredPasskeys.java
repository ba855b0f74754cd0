package dev.keyward.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The public keys of removed passkeys, kept for verifying what they signed before removal. */
@Repository
public class RetiredPasskeys {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();

    private final JdbcClient jdbc;

    RetiredPasskeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void keep(String username, byte[] credentialId, byte[] publicKeyCose, Instant at) {
        jdbc.sql("insert into identity_retired_passkey (credential_id, username, public_key, retired_at) values (?, ?, ?, ?)")
                .params(ENCODE.encodeToString(credentialId), username, ENCODE.encodeToString(publicKeyCose), Timestamp.from(at))
                .update();
    }

    /** The COSE public key of {@code username}'s removed passkey {@code credentialId}, if there was one. */
    public Optional<byte[]> publicKey(String username, byte[] credentialId) {
        return jdbc.sql("select public_key from identity_retired_passkey where credential_id = ? and username = ?")
                .params(ENCODE.encodeToString(credentialId), username).query(String.class).optional()
                .map(Base64.getUrlDecoder()::decode);
    }
}
