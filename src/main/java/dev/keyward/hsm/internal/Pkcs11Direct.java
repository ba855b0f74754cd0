package dev.keyward.hsm.internal;

import static dev.keyward.hsm.HsmException.Kind.AUTHENTICATION_FAILED;
import static dev.keyward.hsm.HsmException.Kind.NO_SUCH_KEY;
import static dev.keyward.hsm.HsmException.Kind.UNAVAILABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKC_X_509;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKG_MGF1_SHA256;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_AES;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_GENERIC_SECRET;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_WRAP_PAD;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_PSS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;

import dev.keyward.hsm.HsmException;
import dev.keyward.hsm.KeyAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.PKCS11Token;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.StaticLogger;
import org.xipki.pkcs11.wrapper.TokenException;
import org.xipki.pkcs11.wrapper.params.RSA_PKCS_PSS_PARAMS;

/**
 * What Java 17's SunPKCS11 cannot do, done directly through the IAIK PKCS#11 wrapper on the same library and slot
 * (a second C_Initialize in one process is expected and harmless): C_WrapKey and C_UnwrapKey with
 * CKM_AES_KEY_WRAP_PAD (RFC 5649), and RSA-PSS over a digest the caller computed (CKM_RSA_PKCS_PSS; SunPKCS11
 * always hashes the input itself). Objects are named the way SunPKCS11's
 * key store names them: secret keys by CKA_LABEL; private keys by the CKA_ID of the certificate labelled with the
 * alias, which is why an unwrapped private key gets a certificate too.
 */
final class Pkcs11Direct {

    private static final Logger log = LoggerFactory.getLogger(Pkcs11Direct.class);
    private static final Map<String, PKCS11Module> MODULES = new ConcurrentHashMap<>();
    private static final Pattern LIBRARY = Pattern.compile("(?m)^\\s*library\\s*=\\s*\"?([^\"\\n]+?)\"?\\s*$");
    private static final Pattern SLOT = Pattern.compile("(?m)^\\s*slot\\s*=\\s*(\\d+)\\s*$");
    private static final Pattern SLOT_INDEX = Pattern.compile("(?m)^\\s*slotListIndex\\s*=\\s*(\\d+)\\s*$");

    static {
        StaticLogger.setLogger(new Slf4jBridge());
    }

    private final PKCS11Token token;
    private final String name;

    private Pkcs11Direct(PKCS11Token token, String name) {
        this.token = token;
        this.name = name;
    }

    /** Opens a session on the library and slot named in a SunPKCS11 configuration, logged in with {@code pin}. */
    static Pkcs11Direct open(String name, String sunPkcs11Configuration, char[] pin) {
        String library = find(LIBRARY, sunPkcs11Configuration);
        if (library == null) {
            throw new HsmException(UNAVAILABLE, "The PKCS#11 configuration of " + name + " names no library.");
        }
        try {
            PKCS11Module module = MODULES.computeIfAbsent(library, Pkcs11Direct::initialised);
            return new Pkcs11Direct(new PKCS11Token(slot(module, sunPkcs11Configuration).getToken(), false, pin), name);
        } catch (TokenException | RuntimeException e) {
            throw new HsmException(UNAVAILABLE, "Cannot open a key-wrapping session on " + name + ": " + e.getMessage(), e);
        }
    }

    /** The key labelled {@code label}, wrapped under the AES key labelled {@code wrappingLabel}. */
    synchronized byte[] wrap(String wrappingLabel, String label, boolean secret) {
        try {
            long target = secret ? secretKey(label) : privateKey(label);
            return token.wrapKey(new Mechanism(CKM_AES_KEY_WRAP_PAD), secretKey(wrappingLabel), target);
        } catch (TokenException e) {
            throw new HsmException(UNAVAILABLE, "Wrapping '" + label + "' on " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** RSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt) over {@code sha256} with the private key labelled {@code label}. */
    synchronized byte[] signPssDigest(String label, byte[] sha256) {
        try {
            return token.sign(new Mechanism(CKM_RSA_PKCS_PSS, new RSA_PKCS_PSS_PARAMS(CKM_SHA256, CKG_MGF1_SHA256, 32)),
                    privateKey(label), sha256);
        } catch (TokenException e) {
            throw new HsmException(UNAVAILABLE, "Signing with '" + label + "' on " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Unwraps a secret key onto the token as a sensitive token object labelled {@code label}. */
    synchronized void unwrapSecret(String wrappingLabel, byte[] wrapped, String label, KeyAlgorithm algorithm) {
        boolean aes = algorithm == KeyAlgorithm.AES_256;
        AttributeVector template = new AttributeVector().class_(CKO_SECRET_KEY).keyType(aes ? CKK_AES : CKK_GENERIC_SECRET)
                .token(true).private_(true).label(label).sensitive(true).extractable(true);
        if (aes) {
            template.encrypt(true).decrypt(true).wrap(true).unwrap(true);
        } else {
            template.sign(true).verify(true);
        }
        unwrap(wrappingLabel, wrapped, template);
    }

    /**
     * Unwraps a private key (PKCS#8 inside) and stores {@code certificate} next to it under the same CKA_ID, so
     * that SunPKCS11's key store lists the pair under {@code label}.
     */
    synchronized void unwrapPrivate(String wrappingLabel, byte[] wrapped, String label, KeyAlgorithm algorithm,
                                    X509Certificate certificate) {
        byte[] id = label.getBytes(StandardCharsets.UTF_8);
        unwrap(wrappingLabel, wrapped, new AttributeVector().class_(CKO_PRIVATE_KEY)
                .keyType(algorithm.name().startsWith("EC") ? CKK_EC : CKK_RSA).token(true).private_(true)
                .id(id).label(label).sensitive(true).extractable(true).sign(true));
        try {
            token.createObject(new AttributeVector().class_(CKO_CERTIFICATE).certificateType(CKC_X_509).token(true)
                    .private_(false).id(id).label(label)
                    .subject(certificate.getSubjectX500Principal().getEncoded()).value(certificate.getEncoded()));
        } catch (TokenException | CertificateEncodingException e) {
            throw new HsmException(UNAVAILABLE, "Storing the certificate of '" + label + "' on " + name + " failed: "
                    + e.getMessage(), e);
        }
    }

    private void unwrap(String wrappingLabel, byte[] wrapped, AttributeVector template) {
        long wrappingKey;
        try {
            wrappingKey = secretKey(wrappingLabel);
        } catch (TokenException e) {
            throw new HsmException(UNAVAILABLE, "Finding '" + wrappingLabel + "' on " + name + " failed: " + e.getMessage(), e);
        }
        try {
            token.unwrapKey(new Mechanism(CKM_AES_KEY_WRAP_PAD), wrappingKey, wrapped, template);
        } catch (PKCS11Exception e) {
            // The token checks the RFC 5649 integrity value: a wrong key or altered bytes land here.
            throw new HsmException(AUTHENTICATION_FAILED, "The wrapped key does not unwrap under '" + wrappingLabel
                    + "' on " + name + " (" + e.getMessage() + ").", e);
        } catch (TokenException e) {
            throw new HsmException(UNAVAILABLE, "Unwrapping on " + name + " failed: " + e.getMessage(), e);
        }
    }

    private long secretKey(String label) throws TokenException {
        return only(token.findObjects(new AttributeVector().class_(CKO_SECRET_KEY).label(label), 2), label);
    }

    private long privateKey(String label) throws TokenException {
        long certificate = only(token.findObjects(new AttributeVector().class_(CKO_CERTIFICATE).label(label), 2), label);
        byte[] id = token.getAttrValues(certificate, CKA_ID).id();
        return only(token.findObjects(new AttributeVector().class_(CKO_PRIVATE_KEY).id(id), 2), label);
    }

    private long only(long[] handles, String label) {
        if (handles.length == 0) {
            throw new HsmException(NO_SUCH_KEY, "No key labelled '" + label + "' on " + name + ".");
        }
        if (handles.length > 1) {
            throw new HsmException(UNAVAILABLE, "More than one object labelled '" + label + "' on " + name + ".");
        }
        return handles[0];
    }

    private static PKCS11Module initialised(String library) {
        try {
            PKCS11Module module = PKCS11Module.getInstance(library);
            try {
                module.initialize();
            } catch (PKCS11Exception e) {
                if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                    throw e;
                }
            }
            return module;
        } catch (IOException | TokenException e) {
            throw new IllegalStateException("cannot load " + library + ": " + e.getMessage(), e);
        }
    }

    private static Slot slot(PKCS11Module module, String configuration) throws TokenException {
        Slot[] slots = module.getSlotList(true);
        String slotId = find(SLOT, configuration);
        if (slotId != null) {
            return Arrays.stream(slots).filter(s -> s.getSlotID() == Long.parseLong(slotId)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no token in slot " + slotId));
        }
        String index = find(SLOT_INDEX, configuration);
        int i = index == null ? 0 : Integer.parseInt(index);
        if (i >= slots.length) {
            throw new IllegalStateException("no token at slot list index " + i);
        }
        return slots[i];
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1).trim() : null;
    }

    /** The wrapper's log lines go to SLF4J; it logs at INFO what is debugging detail for Keyward. */
    private static final class Slf4jBridge implements org.xipki.pkcs11.wrapper.Logger {
        @Override public void info(String format, Object... args) { log.debug(format, args); }
        @Override public void warn(String format, Object... args) { log.warn(format, args); }
        @Override public void error(String format, Object... args) { log.error(format, args); }
        @Override public void debug(String format, Object... args) { log.trace(format, args); }
        @Override public void trace(String format, Object... args) { log.trace(format, args); }
        @Override public boolean isDebugEnabled() { return log.isTraceEnabled(); }
        @Override public boolean isInfoEnabled() { return log.isDebugEnabled(); }
        @Override public boolean isWarnEnabled() { return log.isWarnEnabled(); }
        @Override public boolean isTraceEnabled() { return log.isTraceEnabled(); }
    }
}
