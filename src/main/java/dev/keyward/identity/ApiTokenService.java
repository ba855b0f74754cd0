package dev.keyward.identity;

import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.internal.ApiTokenEntity;
import dev.keyward.identity.internal.ApiTokenRepository;
import dev.keyward.identity.internal.IdentityProperties;
import dev.keyward.identity.internal.PersonRepository;
import dev.keyward.identity.internal.TokenSecrets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The signed-in person's personal API tokens: create (secret shown once), list, revoke. */
@Service
@Transactional
@PreAuthorize("isAuthenticated()")
public class ApiTokenService {

    static final int MAX_NAME_LENGTH = 100;

    private final ApiTokenRepository tokens;
    private final PersonRepository people;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final Duration maxLifetime;
    private final ApplicationEventPublisher events;

    ApiTokenService(ApiTokenRepository tokens, PersonRepository people, CurrentUser currentUser, Clock clock,
                    IdentityProperties properties, ApplicationEventPublisher events) {
        this.events = events;
        this.tokens = tokens;
        this.people = people;
        this.currentUser = currentUser;
        this.clock = clock;
        this.maxLifetime = properties.apiTokens().maxLifetime();
    }

    public Duration maxLifetime() {
        return maxLifetime;
    }

    public IssuedApiToken create(String name, Duration lifetime) {
        checkRequest(name, lifetime, maxLifetime);
        String secret = TokenSecrets.newSecret();
        var owner = people.findByUsername(currentUser.requireUsername()).orElseThrow();
        var entity = tokens.save(ApiTokenEntity.issue(owner, name.strip(), secret, clock.instant(), lifetime));
        ApiToken token = entity.toApiToken();
        events.publishEvent(new IdentityEvents.ApiTokenCreated(owner.getUsername(), token.id(), token.name(), token.expiresAt()));
        return new IssuedApiToken(token, secret);
    }

    /** The rules every token follows, personal or a service account's: a printable name, a bounded lifetime. */
    static void checkRequest(String name, Duration lifetime, Duration maxLifetime) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "A token name is 1 to " + MAX_NAME_LENGTH + " printable characters.");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(maxLifetime) > 0) {
            throw new InvalidInputException("expiresInDays", "A token lives at least 1 day and at most " + maxLifetime.toDays() + " days.");
        }
    }

    @Transactional(readOnly = true)
    public List<ApiToken> list() {
        return tokens.findByOwnerUsernameAndServiceAccountIsNullOrderByCreatedAtDesc(currentUser.requireUsername()).stream()
                .map(ApiTokenEntity::toApiToken).toList();
    }

    /** Revokes one of the caller's own tokens; it stops working on the next request. */
    public ApiToken revoke(long id) {
        ApiTokenEntity token = tokens.findByIdAndOwnerUsernameAndServiceAccountIsNull(id, currentUser.requireUsername())
                .orElseThrow(() -> new NotFoundException("You have no API token with id " + id + "."));
        token.revoke(clock.instant());
        events.publishEvent(new IdentityEvents.ApiTokenRevoked(currentUser.requireUsername(), id));
        return token.toApiToken();
    }
}
