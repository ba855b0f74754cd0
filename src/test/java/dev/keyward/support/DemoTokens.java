package dev.keyward.support;

/** The API tokens application-test.yml seeds for one demo person per role. */
public final class DemoTokens {

    public static final String EMPLOYEE = "kwt_test_alice_employee";
    public static final String SECURITY_OFFICER = "kwt_test_dave_security_officer";
    public static final String AUDITOR = "kwt_test_erin_auditor";
    public static final String ADMIN = "kwt_test_frank_admin";

    private DemoTokens() {
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
