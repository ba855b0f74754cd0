package dev.keyward.hsm;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Key check values: 3 bytes (6 hex digits) that let people compare keys without revealing them. AES: the first
 * 3 bytes of AES-CMAC over 16 zero bytes (as in payment cryptography); HMAC: of HMAC-SHA256 over 32 zero bytes;
 * asymmetric keys: of SHA-256 over the X.509 public key.
 */
public final class KeyCheckValues {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private KeyCheckValues() {
    }

    public static String aes(Key key) {
        return kcv(aesCmac(key, new byte[16]));
    }

    public static String hmac(Key key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return kcv(mac.doFinal(new byte[32]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC key check value failed", e);
        }
    }

    public static String publicKey(byte[] encodedPublicKey) {
        try {
            return kcv(MessageDigest.getInstance("SHA-256").digest(encodedPublicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** AES-CMAC (RFC 4493 / NIST SP 800-38B) of {@code message}. */
    public static byte[] aesCmac(Key key, byte[] message) {
        try {
            Mac cmac = Mac.getInstance("AESCMAC", BC);
            cmac.init(key);
            return cmac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CMAC failed", e);
        }
    }

    private static String kcv(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(Arrays.copyOf(bytes, 3));
    }
}
