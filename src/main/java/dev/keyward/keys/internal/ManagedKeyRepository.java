package dev.keyward.keys.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface ManagedKeyRepository extends JpaRepository<ManagedKeyEntity, Long>, JpaSpecificationExecutor<ManagedKeyEntity> {

    Optional<ManagedKeyEntity> findByAlias(String alias);

    List<ManagedKeyEntity> findAllByOrderByAlias();
}
