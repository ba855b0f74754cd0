package dev.keyward.keys.internal;

import dev.keyward.keys.KeyReference;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface ManagedKeyRepository extends JpaRepository<ManagedKeyEntity, Long>, JpaSpecificationExecutor<ManagedKeyEntity> {

    Optional<ManagedKeyEntity> findByAlias(String alias);

    /** The facts other modules check on every request, without loading versions or history. */
    @Query("select new dev.keyward.keys.KeyReference(k.id, k.alias, k.purpose, k.sensitivity, k.ownerUsername, k.state, "
            + "k.maxGrantDays) from ManagedKeyEntity k where k.alias = :alias")
    Optional<KeyReference> findReference(String alias);

    @Query("select new dev.keyward.keys.KeyReference(k.id, k.alias, k.purpose, k.sensitivity, k.ownerUsername, k.state, "
            + "k.maxGrantDays) from ManagedKeyEntity k")
    List<KeyReference> findAllReferences();

    List<ManagedKeyEntity> findAllByOrderByAlias();
}
