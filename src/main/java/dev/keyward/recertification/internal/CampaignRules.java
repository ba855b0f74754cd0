package dev.keyward.recertification.internal;

import dev.keyward.access.GrantReviews;
import dev.keyward.common.InvalidInputException;
import dev.keyward.identity.PeopleService;
import dev.keyward.recertification.CampaignDefinition;
import dev.keyward.recertification.CampaignDefinition.Scope;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks a campaign definition and fills in its defaults, refusing it whole, at the field to blame, when any part
 * cannot be used: nothing is created from a definition that fails here.
 */
@Component
public class CampaignRules {

    public static final List<String> REVIEWERS = List.of("MANAGER", "KEY_OWNER", "MANAGER_THEN_OWNER");
    static final Period MAX_RECURRENCE = Period.ofMonths(24);
    private static final Map<String, String> DEFAULT_NO_RESPONSE = Map.of("LOW", "KEEP", "MEDIUM", "KEEP",
            "HIGH", "REVOKE", "CRITICAL", "REVOKE");

    private final GrantReviews grants;
    private final PeopleService people;
    private final RecertificationProperties properties;

    CampaignRules(GrantReviews grants, PeopleService people, RecertificationProperties properties) {
        this.grants = grants;
        this.people = people;
        this.properties = properties;
    }

    /** The definition with its defaults, or a refusal naming the field. */
    public CampaignDefinition normalise(CampaignDefinition d) {
        if (d == null) {
            throw new InvalidInputException("Send the campaign's definition: name, scope and the rules.");
        }
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidInputException("name", "Give the campaign a name (1 to 200 characters).");
        }
        Scope scope = scope(d.scope());
        String reviewers = d.reviewers() == null ? "MANAGER" : d.reviewers().strip();
        if (!REVIEWERS.contains(reviewers)) {
            throw new InvalidInputException("reviewers", "Reviewers are MANAGER, KEY_OWNER or MANAGER_THEN_OWNER, not '"
                    + d.reviewers() + "'.");
        }
        int duration = d.durationDays() == null ? properties.defaultDurationDays() : d.durationDays();
        if (duration < 1 || duration > properties.maxDurationDays()) {
            throw new InvalidInputException("durationDays", "A campaign runs for 1 to " + properties.maxDurationDays()
                    + " business days, not " + duration + ".");
        }
        Map<String, String> noResponse = new TreeMap<>(DEFAULT_NO_RESPONSE);
        if (d.noResponse() != null) {
            for (Map.Entry<String, String> rule : d.noResponse().entrySet()) {
                if (!GrantReviews.SENSITIVITIES.contains(rule.getKey())) {
                    throw new InvalidInputException("noResponse", "No-response rules are given per key sensitivity ("
                            + String.join(", ", GrantReviews.SENSITIVITIES) + "), not '" + rule.getKey() + "'.");
                }
                if (!"KEEP".equals(rule.getValue()) && !"REVOKE".equals(rule.getValue())) {
                    throw new InvalidInputException("noResponse." + rule.getKey(), "When nobody answers, a "
                            + rule.getKey() + " grant is either KEEP (kept, flagged in the report) or REVOKE, not '"
                            + rule.getValue() + "'.");
                }
                noResponse.put(rule.getKey(), rule.getValue());
            }
        }
        String recurrence = recurrence(d.recurrence(), duration);
        return new CampaignDefinition(name, scope, reviewers, duration, noResponse, Boolean.TRUE.equals(d.deltaOnly()),
                recurrence);
    }

    /** What the scope covers, for access. */
    public static GrantReviews.Scope toGrantScope(Scope scope) {
        return new GrantReviews.Scope(Set.copyOf(scope.sensitivities()), Set.copyOf(scope.keys()),
                Set.copyOf(scope.keyOwners()), scope.people(), scope.serviceAccounts());
    }

    private Scope scope(Scope s) {
        if (s == null) {
            throw new InvalidInputException("scope", "Say which grants to review: every grant, or those on keys of "
                    + "some sensitivities, named keys or keys of named owners.");
        }
        List<String> sensitivities = clean(s.sensitivities());
        List<String> keys = clean(s.keys());
        List<String> owners = clean(s.keyOwners());
        boolean all = Boolean.TRUE.equals(s.all());
        if (!all && sensitivities.isEmpty() && keys.isEmpty() && owners.isEmpty()) {
            throw new InvalidInputException("scope", "The scope is empty: choose every grant, or name key "
                    + "sensitivities, keys or key owners.");
        }
        if (all && !(sensitivities.isEmpty() && keys.isEmpty() && owners.isEmpty())) {
            throw new InvalidInputException("scope", "Choose either every grant or some sensitivities, keys or "
                    + "owners, not both.");
        }
        List<String> unknownSensitivities = sensitivities.stream().filter(x -> !GrantReviews.SENSITIVITIES.contains(x)).toList();
        if (!unknownSensitivities.isEmpty()) {
            throw new InvalidInputException("scope.sensitivities", "Key sensitivities are "
                    + String.join(", ", GrantReviews.SENSITIVITIES) + "; unknown: " + unknownSensitivities + ".");
        }
        Set<String> unknownKeys = grants.unknownKeys(keys);
        if (!unknownKeys.isEmpty()) {
            throw new InvalidInputException("scope.keys", "No key has the alias " + String.join(", ", unknownKeys) + ".");
        }
        List<String> unknownOwners = owners.stream().filter(o -> people.lookup(o).isEmpty()).toList();
        if (!unknownOwners.isEmpty()) {
            throw new InvalidInputException("scope.keyOwners", "Nobody is called " + String.join(", ", unknownOwners) + ".");
        }
        boolean persons = s.people() == null || s.people();
        boolean accounts = s.serviceAccounts() == null || s.serviceAccounts();
        if (!persons && !accounts) {
            throw new InvalidInputException("scope.people", "Review people's grants, service accounts' or both: not neither.");
        }
        return new Scope(all, sensitivities, keys, owners, persons, accounts);
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip)
                .distinct().sorted().collect(Collectors.toList());
    }

    private static String recurrence(String value, int durationDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Period period;
        try {
            period = Period.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("recurrence", "Recurrence is an ISO-8601 period such as P3M or P6M, not '"
                    + value + "'.");
        }
        long days = period.toTotalMonths() * 30 + period.getDays();
        if (period.isNegative() || days < 30 || period.toTotalMonths() > MAX_RECURRENCE.toTotalMonths()) {
            throw new InvalidInputException("recurrence", "A campaign recurs every 1 to 24 months, not " + value + ".");
        }
        if (days <= durationDays * 7L / 5) {
            throw new InvalidInputException("recurrence", "The next round would start before this one ends ("
                    + durationDays + " business days): recur less often.");
        }
        return period.toString();
    }
}
