package dev.keyward.common.ui;

import java.util.Map;

/** A person as the views name them: "Alice Adams (alice)"; a service account or unknown name as it is. */
public final class PersonLabel {

    private PersonLabel() {
    }

    /** {@code names}: display names by username, e.g. from {@code PeopleService.displayNames}. */
    public static String of(String username, Map<String, String> names) {
        if (username == null) {
            return "—";
        }
        String name = names.get(username);
        return name == null || name.isBlank() ? username : name + " (" + username + ")";
    }
}
