package dev.keyward.hsm.internal;

/** The HSM cannot be used as configured; Spring Boot prints it as a plain report (see {@link HsmSetupFailureAnalyzer}). */
class HsmSetupException extends IllegalStateException {

    final String action;

    HsmSetupException(String description, String action) {
        super(description);
        this.action = action;
    }
}
