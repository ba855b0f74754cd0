package dev.keyward.identity.internal;

import dev.keyward.identity.PersonStatus;
import dev.keyward.identity.Roles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proves a bearer token: known hash, not revoked, not expired, owner ACTIVE and not locked. The token acts with
 * its owner's current roles, so a role removed from the person is removed from the token at once.
 */
@Component
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    static final String FAILURE_MESSAGE = "The API token is unknown, expired or revoked.";
    /** Last-use times are kept to the minute, so busy tokens do not write on every call. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH = 256;

    private final ApiTokenRepository tokens;
    private final Clock clock;

    ApiTokenAuthenticationProvider(ApiTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Authentication authenticate(Authentication authentication) {
        String secret = ((ApiTokenAuthentication) authentication).secret();
        if (secret == null || secret.isEmpty() || secret.length() > MAX_TOKEN_LENGTH) {
            throw new BadCredentialsException(FAILURE_MESSAGE);
        }
        Instant now = clock.instant();
        ApiTokenEntity token = tokens.findByTokenHash(TokenSecrets.hash(secret))
                .filter(t -> t.isActiveAt(now))
                .orElseThrow(() -> new BadCredentialsException(FAILURE_MESSAGE));
        PersonEntity owner = token.getOwner();
        if (owner.getStatus() != PersonStatus.ACTIVE || owner.isLocked()) {
            throw new BadCredentialsException(FAILURE_MESSAGE);
        }
        if (token.getLastUsedAt() == null || token.getLastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            token.markUsed(now);
        }
        return ApiTokenAuthentication.authenticated(owner.getUsername(),
                AuthorityUtils.createAuthorityList(owner.getRoles().stream().map(Roles::authority).toList()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenAuthentication.class.isAssignableFrom(authentication);
    }
}
