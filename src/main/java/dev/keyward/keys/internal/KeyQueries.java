package dev.keyward.keys.internal;

import dev.keyward.keys.KeyFilter;
import dev.keyward.keys.KeyPurpose;
import dev.keyward.keys.KeyState;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

/** Filtered, paged reads of the inventory, done by the database so the grid stays fast with many keys. */
@Component
public class KeyQueries {

    private final EntityManager entities;
    private final ManagedKeyRepository keys;

    KeyQueries(EntityManager entities, ManagedKeyRepository keys) {
        this.entities = entities;
        this.keys = keys;
    }

    public List<ManagedKeyEntity> find(KeyFilter filter, Instant now, int offset, int limit) {
        var cb = entities.getCriteriaBuilder();
        var query = cb.createQuery(ManagedKeyEntity.class);
        var root = query.from(ManagedKeyEntity.class);
        query.where(matching(filter, now).toPredicate(root, query, cb)).orderBy(cb.asc(root.get("alias")));
        return entities.createQuery(query).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(KeyFilter filter, Instant now) {
        return keys.count(matching(filter, now));
    }

    public Map<KeyState, Long> countByState() {
        Map<KeyState, Long> counts = new EnumMap<>(KeyState.class);
        entities.createQuery("select k.state, count(k) from ManagedKeyEntity k group by k.state", Object[].class)
                .getResultList().forEach(row -> counts.put((KeyState) row[0], (Long) row[1]));
        return counts;
    }

    static Specification<ManagedKeyEntity> matching(KeyFilter f, Instant now) {
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            if (f.state() != null) {
                all.add(cb.equal(root.get("state"), f.state()));
            }
            if (f.sensitivity() != null) {
                all.add(cb.equal(root.get("sensitivity"), f.sensitivity()));
            }
            if (f.purpose() != null) {
                all.add(cb.equal(root.get("purpose"), f.purpose()));
            }
            if (f.owner() != null && !f.owner().isBlank()) {
                all.add(cb.equal(root.get("ownerUsername"), f.owner().strip()));
            }
            if (f.search() != null && !f.search().isBlank()) {
                String like = "%" + f.search().strip().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
                List<Predicate> any = new ArrayList<>(List.of(cb.like(cb.lower(root.get("alias")), like, '\\'),
                        cb.like(cb.lower(root.get("description")), like, '\\'),
                        cb.like(cb.lower(root.get("ownerUsername")), like, '\\')));
                Arrays.stream(KeyPurpose.values()).filter(p -> p.name().equalsIgnoreCase(f.search().strip()))
                        .forEach(p -> any.add(cb.equal(root.get("purpose"), p)));
                all.add(cb.or(any.toArray(Predicate[]::new)));
            }
            if (f.overdue()) {
                var version = query.subquery(Long.class);
                var v = version.from(KeyVersionEntity.class);
                version.select(v.get("id")).where(cb.equal(v.get("key"), root),
                        cb.lessThan(v.get("originatorUsageEnd"), now));
                all.add(cb.exists(version));
                all.add(cb.notEqual(root.get("state"), KeyState.DESTROYED));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
    }
}
