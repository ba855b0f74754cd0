package dev.keyward.identity.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, Long> {

    Optional<ApiTokenEntity> findByTokenHash(String tokenHash);

    /** Personal tokens only (not those the person issued for service accounts). */
    List<ApiTokenEntity> findByOwnerUsernameAndServiceAccountIsNullOrderByCreatedAtDesc(String username);

    Optional<ApiTokenEntity> findByIdAndOwnerUsernameAndServiceAccountIsNull(long id, String username);

    List<ApiTokenEntity> findByServiceAccountNameOrderByCreatedAtDesc(String serviceAccount);

    Optional<ApiTokenEntity> findByIdAndServiceAccountName(long id, String serviceAccount);
}
