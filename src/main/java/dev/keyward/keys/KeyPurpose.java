package dev.keyward.keys;

/** What a key is for; each purpose admits only fitting algorithms. */
public enum KeyPurpose {
    ENCRYPT, SIGN, MAC, WRAP
}
