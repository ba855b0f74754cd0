package dev.keyward.identity.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ServiceAccountRepository extends JpaRepository<ServiceAccountEntity, Long> {

    Optional<ServiceAccountEntity> findByName(String name);

    List<ServiceAccountEntity> findByOwnerUsernameOrderByName(String ownerUsername);

    List<ServiceAccountEntity> findAllByOrderByName();
}
