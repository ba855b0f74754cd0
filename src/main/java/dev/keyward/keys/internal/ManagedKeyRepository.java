package dev.keyward.keys.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ManagedKeyRepository extends JpaRepository<ManagedKeyEntity, Long> {

    Optional<ManagedKeyEntity> findByAlias(String alias);

    List<ManagedKeyEntity> findAllByOrderByAlias();
}
