package dev.keyward.identity.internal;

import dev.keyward.identity.IdentityEvents.ApiTokenRejected;
import dev.keyward.identity.Roles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Component;

/**
 * Proves a bearer token: known hash, not revoked, not expired, owner ACTIVE and not locked. A personal token acts
 * with its owner's current roles, so a role removed from the person is removed from the token at once; a service
 * account's token acts as the account (role APPLICATION) while the account and its owner are ACTIVE. Every
 * refusal is audited (committed on its own, since the request fails). The facts come in one query, remembered
 * for at most a second ({@link TokenFacts}): this runs on every API call.
 */
@Component
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    static final String FAILURE_MESSAGE = "The API token is unknown, expired or revoked.";
    /** Last-use times are kept to the minute, so busy tokens do not write on every call. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH = 256;

    private final TokenFacts tokens;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ApiTokenAuthenticationProvider(TokenFacts tokens, Clock clock, ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String secret = ((ApiTokenAuthentication) authentication).secret();
        Authentication result;
        try {
            result = prove(secret);
        } catch (RuntimeException e) {
            throw new InternalAuthenticationServiceException("The request could not be audited", e);
        }
        if (result == null) {
            throw new BadCredentialsException(FAILURE_MESSAGE);
        }
        return result;
    }

    /** The authenticated token, or null after auditing why not. */
    private Authentication prove(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_TOKEN_LENGTH) {
            return reject(null, null, "MALFORMED");
        }
        Instant now = clock.instant();
        String hash = TokenSecrets.hash(secret);
        TokenFacts.Facts token = tokens.byHash(hash).orElse(null);
        if (token == null) {
            return reject(null, null, "UNKNOWN");
        }
        if (token.revokedAt() != null) {
            return reject(token, token.issuer(), "REVOKED");
        }
        if (!now.isBefore(token.expiresAt())) {
            return reject(token, token.issuer(), "EXPIRED");
        }
        boolean serviceAccount = token.account() != null;
        if (serviceAccount && !token.accountActive()) {
            return reject(token, token.issuer(), "SERVICE_ACCOUNT_DISABLED");
        }
        // A service account's token answers to the account's current owner; a personal token to its owner.
        if (serviceAccount ? !token.accountOwnerUsable() : !token.issuerUsable()) {
            return reject(token, serviceAccount ? token.accountOwner() : token.issuer(), "OWNER_INACTIVE");
        }
        if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            tokens.markUsed(hash, token, now, now.minus(LAST_USED_RESOLUTION));
        }
        if (serviceAccount) {
            return ApiTokenAuthentication.authenticated(token.account(),
                    AuthorityUtils.createAuthorityList(Roles.authority(Roles.APPLICATION)));
        }
        return ApiTokenAuthentication.authenticated(token.issuer(),
                AuthorityUtils.createAuthorityList(token.issuerRoles().stream().map(Roles::authority).toList()));
    }

    private Authentication reject(TokenFacts.Facts token, String owner, String reason) {
        events.publishEvent(new ApiTokenRejected(token == null ? "unknown" : Long.toString(token.id()), owner, reason));
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenAuthentication.class.isAssignableFrom(authentication);
    }
}
