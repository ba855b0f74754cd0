package dev.keyward.identity.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PersonRepository extends JpaRepository<PersonEntity, Long> {

    Optional<PersonEntity> findByUsername(String username);

    List<PersonEntity> findByManagerUsernameOrderByUsername(String managerUsername);

    List<PersonEntity> findAllByOrderByUsername();
}
