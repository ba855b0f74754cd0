package dev.keyward.identity;

import java.util.List;

/**
 * The role names, as used in {@code @RolesAllowed} on views and services. Everyone is an {@link #EMPLOYEE};
 * managers are derived from the org chart and key owners from the keys they hold, so neither is a role.
 */
public final class Roles {

    public static final String EMPLOYEE = "EMPLOYEE";
    public static final String SECURITY_OFFICER = "SECURITY_OFFICER";
    public static final String AUDITOR = "AUDITOR";
    public static final String ADMIN = "ADMIN";

    /**
     * What a service account's token acts with: the crypto API and the key catalogue, nothing else. Never held by
     * a person, so not in {@link #ALL}.
     */
    public static final String APPLICATION = "APPLICATION";

    /** Every role a person can hold, lowest privilege first. */
    public static final List<String> ALL = List.of(EMPLOYEE, SECURITY_OFFICER, AUDITOR, ADMIN);

    /** Roles whose sessions time out sooner (NIST SP 800-63B AAL3-style reauthentication). */
    public static final List<String> PRIVILEGED = List.of(SECURITY_OFFICER, ADMIN);

    private Roles() {
    }

    /** The Spring Security authority for a role name. */
    public static String authority(String role) {
        return "ROLE_" + role;
    }
}
