package dev.keyward.identity.internal;

import dev.keyward.identity.ServiceAccount;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ServiceAccountRepository extends JpaRepository<ServiceAccountEntity, Long> {

    Optional<ServiceAccountEntity> findByName(String name);

    /** The account as a value, for the rules other modules check on every decision: no entity graph loaded. */
    @Query("select new dev.keyward.identity.ServiceAccount(a.name, a.description, o.username, a.status, a.createdAt) "
            + "from ServiceAccountEntity a join a.owner o where a.name = :name")
    Optional<ServiceAccount> findValueByName(String name);

    List<ServiceAccountEntity> findByOwnerUsernameOrderByName(String ownerUsername);

    List<ServiceAccountEntity> findAllByOrderByName();

    @Query("select new dev.keyward.identity.ServiceAccount(a.name, a.description, o.username, a.status, a.createdAt) "
            + "from ServiceAccountEntity a join a.owner o")
    List<ServiceAccount> findAllValues();
}
