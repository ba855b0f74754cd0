package dev.keyward.hsm;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
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

    /**
     * The AES check value from a single-block AES encryption (as an HSM offers it): CMAC over one all-zero block
     * is {@code E(K, K1)} where {@code K1} is the doubled {@code E(K, 0)} (RFC 4493, section 2.3).
     */
    public static String aesFromBlockCipher(UnaryOperator<byte[]> encryptBlock) {
        byte[] k1 = doubled(encryptBlock.apply(new byte[16]));
        return kcv(encryptBlock.apply(k1));
    }

    private static byte[] doubled(byte[] block) {
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) ((block[i] << 1) | (i < 15 ? (block[i + 1] & 0xff) >>> 7 : 0));
        }
        if ((block[0] & 0x80) != 0) {
            out[15] ^= (byte) 0x87;
        }
        return out;
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

    /** The first 3 bytes of a check computation, as 6 upper-case hex digits. */
    public static String fromBytes(byte[] bytes) {
        return kcv(bytes);
    }

    private static String kcv(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(Arrays.copyOf(bytes, 3));
    }
}
