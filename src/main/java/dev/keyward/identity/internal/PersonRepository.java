package dev.keyward.identity.internal;

import dev.keyward.identity.PersonStatus;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface PersonRepository extends JpaRepository<PersonEntity, Long> {

    Optional<PersonEntity> findByUsername(String username);

    /** With the row locked until the transaction ends: sign-in attempts on one account happen one after another. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from PersonEntity p where p.username = :username")
    Optional<PersonEntity> findForUpdate(String username);

    /** Just the name, for every audit record: no entity, no roles loaded. */
    @Query("select p.displayName from PersonEntity p where p.username = :username")
    Optional<String> findDisplayNameByUsername(String username);

    @Query("select p.username, p.displayName from PersonEntity p where p.username in :usernames")
    List<Object[]> findDisplayNames(java.util.Collection<String> usernames);

    @Query("select m.username from PersonEntity p join p.manager m where p.username = :username and p.status = :status")
    Optional<String> findManagerUsername(String username, PersonStatus status);

    @Query("select count(p) > 0 from PersonEntity p where p.username = :username and p.status = :status")
    boolean existsByUsernameAndStatus(String username, PersonStatus status);

    @Query("select count(p) > 0 from PersonEntity p join p.roles r where p.username = :username and p.status = :status "
            + "and r = :role")
    boolean hasRole(String username, PersonStatus status, String role);

    List<PersonEntity> findByManagerUsernameOrderByUsername(String managerUsername);

    List<PersonEntity> findAllByOrderByUsername();

    @Query("select p.username from PersonEntity p join p.roles r where p.status = :status and r = :role order by p.username")
    List<String> findUsernamesByStatusAndRole(PersonStatus status, String role);

    /** The whole org chart in one statement: no entities, no roles. */
    @Query("select new dev.keyward.identity.OrgEntry(p.username, p.status, m.username, "
            + "case when exists (select 1 from PersonEntity q join q.roles r where q = p and r = 'AUDITOR') then true "
            + "else false end) from PersonEntity p left join p.manager m")
    List<dev.keyward.identity.OrgEntry> findOrgChart();

    @Query("select new dev.keyward.identity.internal.AccountMakers(p.username, p.createdBy, p.managerSetBy, "
            + "case when p.ownCredentialsAt is null then false else true end) from PersonEntity p where p.username = :username")
    Optional<AccountMakers> findMakers(String username);

    /** People whose maker may still know a password of theirs (few: those made by hand and not passkey-only yet). */
    @Query("select p from PersonEntity p where p.ownCredentialsAt is null and p.createdBy is not null")
    List<PersonEntity> findMadeByHand();

    /** Usernames and service-account names share one namespace (grants name principals by name). */
    @Query("select count(a) > 0 from ServiceAccountEntity a where a.name = :name")
    boolean serviceAccountExists(String name);
}
