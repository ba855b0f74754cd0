package dev.keyward.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every HSM backend must do; each backend's test class implements this with its own backend. */
public interface HsmBackendContract {

    HsmBackend backend();

    /** Whether the backend can wrap keys for backup and replication (else it must refuse with UNSUPPORTED). */
    default boolean wraps() {
        return true;
    }

    default String label(String purpose) {
        return "contract-" + purpose + "-" + UUID.randomUUID();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    default void generatesEveryAlgorithmIdempotentlyByLabel(KeyAlgorithm algorithm) {
        String label = label(algorithm.name());
        KeyHandle first = backend().generate(label, algorithm);
        assertThat(first.algorithm()).isEqualTo(algorithm);
        assertThat(first.kcv()).matches("[0-9A-F]{6}");
        assertThat(first.publicKey() != null).isEqualTo(algorithm.isAsymmetric());
        KeyHandle again = backend().generate(label, algorithm);
        assertThat(again.kcv()).as("a repeated generate returns the first key").isEqualTo(first.kcv());
        assertThat(backend().find(label)).hasValueSatisfying(h -> assertThat(h.kcv()).isEqualTo(first.kcv()));
    }

    @Test
    default void aLabelHoldsOneAlgorithm() {
        String label = label("clash");
        backend().generate(label, KeyAlgorithm.AES_256);
        assertThatThrownBy(() -> backend().generate(label, KeyAlgorithm.HMAC_SHA256))
                .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.kind()).isEqualTo(HsmException.Kind.WRONG_KEY_TYPE));
    }

    @Test
    default void aesGcmRoundTripsAndRefusesAlteredDataOrContext() {
        String label = label("aes");
        backend().generate(label, KeyAlgorithm.AES_256);
        byte[] plaintext = "card 4111 1111 1111 1111".getBytes(StandardCharsets.UTF_8);
        byte[] context = "orders/42".getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = backend().encrypt(label, plaintext, context);
        assertThat(backend().encrypt(label, plaintext, context)).as("fresh IV each time").isNotEqualTo(ciphertext);
        assertThat(backend().decrypt(label, ciphertext, context)).isEqualTo(plaintext);

        byte[] altered = ciphertext.clone();
        altered[altered.length - 1] ^= 1;
        assertAuthenticationFails(() -> backend().decrypt(label, altered, context));
        assertAuthenticationFails(() -> backend().decrypt(label, ciphertext, "orders/43".getBytes(StandardCharsets.UTF_8)));
        assertAuthenticationFails(() -> backend().decrypt(label, new byte[5], context));
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384", "RSA_3072"})
    default void signaturesVerifyHereAndWithStandardJca(KeyAlgorithm algorithm) throws Exception {
        String label = label("sign");
        KeyHandle key = backend().generate(label, algorithm);
        byte[] message = "approve access to payments-dek".getBytes(StandardCharsets.UTF_8);
        byte[] signature = backend().sign(label, message);
        assertThat(backend().verify(label, message, signature)).isTrue();
        assertThat(backend().verify(label, "approve something else".getBytes(StandardCharsets.UTF_8), signature)).isFalse();

        var publicKey = KeyFactory.getInstance(algorithm.name().startsWith("EC") ? "EC" : "RSA")
                .generatePublic(new X509EncodedKeySpec(key.publicKey()));
        Signature jca = switch (algorithm) {
            case EC_P256 -> Signature.getInstance("SHA256withECDSAinP1363Format");
            case EC_P384 -> Signature.getInstance("SHA384withECDSAinP1363Format");
            default -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
        };
        jca.initVerify(publicKey);
        jca.update(message);
        assertThat(jca.verify(signature)).as("interoperable signature").isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "RSA_3072"})
    default void aDigestIsSignedAsItsMessageWouldBe(KeyAlgorithm algorithm) throws Exception {
        String label = label("digest");
        backend().generate(label, algorithm);
        byte[] message = "settlement file 2026-11-29".getBytes(StandardCharsets.UTF_8);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);

        byte[] overDigest = backend().signDigest(label, digest);
        assertThat(backend().verify(label, message, overDigest)).as("a digest signature verifies as a message signature").isTrue();
        assertThat(backend().verifyDigest(label, digest, backend().sign(label, message))).isTrue();
        assertThat(backend().verifyDigest(label, digest, overDigest)).isTrue();
        digest[0] ^= 1;
        assertThat(backend().verifyDigest(label, digest, overDigest)).isFalse();
        assertThatThrownBy(() -> backend().signDigest(label, new byte[31])).isInstanceOf(HsmException.class)
                .hasMessage("A SHA-256 digest is 32 bytes.");
    }

    @Test
    default void p384KeysDoNotSignSha256Digests() {
        String p384 = label("digest-p384");
        backend().generate(p384, KeyAlgorithm.EC_P384);
        assertThatThrownBy(() -> backend().signDigest(p384, new byte[32])).isInstanceOf(HsmException.class)
                .extracting(e -> ((HsmException) e).kind()).isEqualTo(HsmException.Kind.WRONG_KEY_TYPE);
    }

    @Test
    default void macsVerifyAndDetectChanges() {
        String label = label("mac");
        backend().generate(label, KeyAlgorithm.HMAC_SHA256);
        byte[] message = "amount=100".getBytes(StandardCharsets.UTF_8);
        byte[] mac = backend().mac(label, message);
        assertThat(mac).hasSize(32);
        assertThat(backend().verifyMac(label, message, mac)).isTrue();
        assertThat(backend().verifyMac(label, "amount=900".getBytes(StandardCharsets.UTF_8), mac)).isFalse();
    }

    @Test
    default void wrappedKeysUnwrapToTheSameKey() {
        if (!wraps()) {
            String label = label("no-wrap");
            backend().generate(label, KeyAlgorithm.AES_256);
            assertThatThrownBy(() -> backend().wrap(label, label)).isInstanceOfSatisfying(HsmException.class,
                    e -> assertThat(e.kind()).isEqualTo(HsmException.Kind.UNSUPPORTED));
            return;
        }
        String transport = label("transport");
        backend().generate(transport, KeyAlgorithm.AES_256);
        String data = label("data");
        KeyHandle original = backend().generate(data, KeyAlgorithm.AES_256);
        byte[] ciphertext = backend().encrypt(data, new byte[] {1, 2, 3}, null);

        WrappedKey wrapped = backend().wrap(transport, data);
        String copy = label("copy");
        KeyHandle restored = backend().unwrap(transport, wrapped, copy);
        assertThat(restored.kcv()).isEqualTo(original.kcv());
        assertThat(backend().decrypt(copy, ciphertext, null)).containsExactly(1, 2, 3);
        assertThat(backend().unwrap(transport, wrapped, copy).kcv()).as("idempotent").isEqualTo(original.kcv());

        String signer = label("signer");
        KeyHandle pair = backend().generate(signer, KeyAlgorithm.EC_P256);
        String signerCopy = label("signer-copy");
        backend().unwrap(transport, backend().wrap(transport, signer), signerCopy);
        byte[] signature = backend().sign(signerCopy, new byte[] {9});
        assertThat(backend().verify(signer, new byte[] {9}, signature)).isTrue();
        assertThat(backend().find(signerCopy).orElseThrow().kcv()).isEqualTo(pair.kcv());
    }

    @Test
    default void destroyedKeysAreGoneForGood() {
        String label = label("destroy");
        backend().generate(label, KeyAlgorithm.AES_256);
        backend().destroy(label);
        assertThat(backend().exists(label)).isFalse();
        assertThatThrownBy(() -> backend().encrypt(label, new byte[1], null))
                .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.kind()).isEqualTo(HsmException.Kind.NO_SUCH_KEY));
        backend().destroy(label);
    }

    @Test
    default void keysOnlyDoWhatTheirTypeAllows() {
        String aes = label("aes-only");
        backend().generate(aes, KeyAlgorithm.AES_256);
        assertThatThrownBy(() -> backend().sign(aes, new byte[1]))
                .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.kind()).isEqualTo(HsmException.Kind.WRONG_KEY_TYPE));
        assertThatThrownBy(() -> backend().mac(aes, new byte[1]))
                .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.kind()).isEqualTo(HsmException.Kind.WRONG_KEY_TYPE));
    }

    @Test
    default void reportsHealth() {
        assertThat(backend().health().up()).isTrue();
        assertThat(backend().health().backend()).isEqualTo(backend().name());
    }

    private static void assertAuthenticationFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HsmException.class,
                e -> assertThat(e.kind()).isEqualTo(HsmException.Kind.AUTHENTICATION_FAILED));
    }
}
