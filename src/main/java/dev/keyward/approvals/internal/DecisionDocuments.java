package dev.keyward.approvals.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Canonical JSON for what approvers sign: keys sorted at every level, nulls left out, no insignificant white space, times and
 * enums as strings. The same facts therefore always give the same bytes, and the SHA-256 of those bytes is the
 * WebAuthn challenge.
 */
public final class DecisionDocuments {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            // A typed facts record's absent (null) parts are left out, as an absent map entry always was.
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .findAndAddModules()
            .build();

    private DecisionDocuments() {
    }

    public static String canonical(Object value) {
        try {
            // Through a tree first, so nested maps of any kind come out sorted.
            return CANONICAL.writeValueAsString(CANONICAL.convertValue(value, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Object> parse(String json) {
        try {
            return CANONICAL.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a decision document: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Where two canonical documents differ, by dotted path ({@code key.owner}; list entries by index), each with its
     * value in {@code signed} and in {@code now} (null where absent). Empty when they are equal.
     */
    public static Map<String, List<Object>> differences(String signed, String now) {
        Map<String, List<Object>> differences = new TreeMap<>();
        compare("", CANONICAL.convertValue(parse(signed), Object.class), CANONICAL.convertValue(parse(now), Object.class),
                differences);
        return differences;
    }

    private static void compare(String path, Object signed, Object now, Map<String, List<Object>> differences) {
        if (Objects.equals(signed, now)) {
            return;
        }
        if (signed instanceof Map<?, ?> a && now instanceof Map<?, ?> b) {
            Set<Object> keys = new TreeSet<>(Comparator.comparing(String::valueOf));
            keys.addAll(a.keySet());
            keys.addAll(b.keySet());
            keys.forEach(k -> compare(path.isEmpty() ? String.valueOf(k) : path + "." + k, a.get(k), b.get(k), differences));
            return;
        }
        differences.put(path, Arrays.asList(signed, now));
    }

    public static byte[] sha256(String document) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
