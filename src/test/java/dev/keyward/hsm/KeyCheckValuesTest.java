package dev.keyward.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Known answers: AES-CMAC from RFC 4493 and NIST SP 800-38B, and how check values derive from them. */
class KeyCheckValuesTest {

    static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
            // RFC 4493 / SP 800-38B, AES-128, examples 1 and 2
            "2b7e151628aed2a6abf7158809cf4f3c, '', bb1d6929e95937287fa37d129b756746",
            "2b7e151628aed2a6abf7158809cf4f3c, 6bc1bee22e409f96e93d7e117393172a, 070a16b46b4d4144f79bdd9dd04a287c",
            // SP 800-38B, AES-256, examples 9 and 10
            "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4, '', 028962f61b7bf89efc6b551f4667d983",
            "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4, 6bc1bee22e409f96e93d7e117393172a, 28a7023f452e8f82bd4bf28d8c37c35c"})
    void aesCmacMatchesPublishedVectors(String key, String message, String tag) {
        byte[] mac = KeyCheckValues.aesCmac(new SecretKeySpec(HEX.parseHex(key), "AES"), HEX.parseHex(message));
        assertThat(HEX.formatHex(mac)).isEqualTo(tag);
    }

    @Test
    void theAesCheckValueIsTheCmacOfAZeroBlockCutToThreeBytes() {
        var key = new SecretKeySpec(HEX.parseHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"), "AES");
        String cmacOfZeros = HEX.formatHex(KeyCheckValues.aesCmac(key, new byte[16])).toUpperCase();
        assertThat(KeyCheckValues.aes(key)).hasSize(6).isEqualTo(cmacOfZeros.substring(0, 6));
    }

    @Test
    void anHsmWithOnlyBlockEncryptionGetsTheSameCheckValue() throws Exception {
        var key = new SecretKeySpec(HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"), "AES");
        var ecb = javax.crypto.Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(javax.crypto.Cipher.ENCRYPT_MODE, key);
        assertThat(KeyCheckValues.aesFromBlockCipher(block -> {
            try {
                return ecb.doFinal(block);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).isEqualTo(KeyCheckValues.aes(key));
    }

    @Test
    void thePublicKeyCheckValueIsItsSha256CutToThreeBytes() {
        assertThat(KeyCheckValues.publicKey(new byte[0])).isEqualTo("E3B0C4"); // SHA-256 of nothing: e3b0c442...
    }
}
