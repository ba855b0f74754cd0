package dev.keyward.identity.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * Who made a person's account by hand (and set its manager), while a password they chose still works: they may not
 * decide for that person. Read as a projection on the approval path, which asks for every case it opens.
 */
public record AccountMakers(String username, String createdBy, String managerSetBy, boolean ownCredentials) {

    /** Who may not decide for this person, with the sentence they are told. */
    public Map<String, String> conflicted() {
        Map<String, String> makers = new TreeMap<>();
        if (!ownCredentials) {
            if (managerSetBy != null) {
                makers.put(managerSetBy, "You set " + username + "'s manager by hand; somebody else decides for them.");
            }
            if (createdBy != null) {
                makers.put(createdBy, "You made " + username + "'s account and chose its password; somebody else "
                        + "decides for them until they sign in with passkeys only.");
            }
        }
        return makers;
    }
}
