package dev.keyward.identity.internal;

import dev.keyward.identity.IdentityEvents.ApiTokenRejected;
import dev.keyward.identity.PersonStatus;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves a bearer token: known hash, not revoked, not expired, owner ACTIVE and not locked. A personal token acts
 * with its owner's current roles, so a role removed from the person is removed from the token at once; a service
 * account's token acts as the account (role APPLICATION) while the account and its owner are ACTIVE. Every refusal
 * is audited (in a transaction of its own, since the request fails).
 */
@Component
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    static final String FAILURE_MESSAGE = "The API token is unknown, expired or revoked.";
    /** Last-use times are kept to the minute, so busy tokens do not write on every call. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH = 256;

    private final ApiTokenRepository tokens;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    ApiTokenAuthenticationProvider(ApiTokenRepository tokens, Clock clock, ApplicationEventPublisher events,
                                   PlatformTransactionManager transactionManager) {
        this.tokens = tokens;
        this.clock = clock;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String secret = ((ApiTokenAuthentication) authentication).secret();
        Authentication result;
        try {
            result = transactions.execute(status -> prove(secret));
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
        ApiTokenEntity token = tokens.findByTokenHash(TokenSecrets.hash(secret)).orElse(null);
        if (token == null) {
            return reject(null, null, "UNKNOWN");
        }
        PersonEntity owner = token.getOwner();
        var summary = token.toApiToken();
        if (summary.revokedAt() != null) {
            return reject(token, owner, "REVOKED");
        }
        if (!summary.isActiveAt(now)) {
            return reject(token, owner, "EXPIRED");
        }
        ServiceAccountEntity account = token.getServiceAccount();
        if (account != null) {
            // A service account's token: the account must be ACTIVE and its owner, who answers for it, too.
            if (!account.isActive()) {
                return reject(token, owner, "SERVICE_ACCOUNT_DISABLED");
            }
            owner = account.getOwner();
        }
        if (owner.getStatus() != PersonStatus.ACTIVE || owner.isLocked()) {
            return reject(token, owner, "OWNER_INACTIVE");
        }
        if (token.getLastUsedAt() == null || token.getLastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            token.markUsed(now);
        }
        if (account != null) {
            return ApiTokenAuthentication.authenticated(account.getName(),
                    AuthorityUtils.createAuthorityList(Roles.authority(Roles.APPLICATION)));
        }
        return ApiTokenAuthentication.authenticated(owner.getUsername(),
                AuthorityUtils.createAuthorityList(owner.getRoles().stream().map(Roles::authority).toList()));
    }

    private Authentication reject(ApiTokenEntity token, PersonEntity owner, String reason) {
        events.publishEvent(new ApiTokenRejected(token == null ? "unknown" : Long.toString(token.toApiToken().id()),
                owner == null ? null : owner.getUsername(), reason));
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenAuthentication.class.isAssignableFrom(authentication);
    }
}
