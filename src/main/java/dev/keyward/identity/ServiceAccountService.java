package dev.keyward.identity;

import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import dev.keyward.identity.IdentityEvents.ApiTokenCreated;
import dev.keyward.identity.IdentityEvents.ApiTokenRevoked;
import dev.keyward.identity.IdentityEvents.ServiceAccountCreated;
import dev.keyward.identity.IdentityEvents.ServiceAccountStatusChanged;
import dev.keyward.identity.internal.ApiTokenEntity;
import dev.keyward.identity.internal.ApiTokenRepository;
import dev.keyward.identity.internal.IdentityProperties;
import dev.keyward.identity.internal.PersonEntity;
import dev.keyward.identity.internal.PersonRepository;
import dev.keyward.identity.internal.ServiceAccountEntity;
import dev.keyward.identity.internal.ServiceAccountRepository;
import dev.keyward.identity.internal.TokenSecrets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service accounts: application identities owned by people. Any ACTIVE person can create them and becomes their
 * owner; owners issue and revoke their tokens (the same rules as personal tokens) and disable them, which stops
 * every token at once. Security officers, auditors and administrators can see them all; security officers can
 * disable any. A service account itself can do none of this.
 */
@Service
@Transactional
@PreAuthorize("isAuthenticated() and !hasRole('APPLICATION')")
public class ServiceAccountService {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{2,63}");

    private final ServiceAccountRepository accounts;
    private final PersonRepository people;
    private final ApiTokenRepository tokens;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration maxTokenLifetime;

    ServiceAccountService(ServiceAccountRepository accounts, PersonRepository people, ApiTokenRepository tokens,
                          CurrentUser currentUser, ApplicationEventPublisher events, Clock clock,
                          IdentityProperties properties) {
        this.accounts = accounts;
        this.people = people;
        this.tokens = tokens;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
        this.maxTokenLifetime = properties.apiTokens().maxLifetime();
    }

    public ServiceAccount create(String name, String description) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "A service account name is 3 to 64 characters: lower-case letters, digits "
                    + "and '-', starting with a letter.");
        }
        if (description == null || description.isBlank() || description.length() > 500) {
            throw new InvalidInputException("description", "Describe what the application does (1 to 500 characters); approvers read it.");
        }
        if (accounts.findByName(name).isPresent() || people.findByUsername(name).isPresent()) {
            throw new ConflictException("The name '" + name + "' is taken.");
        }
        PersonEntity owner = people.findByUsername(currentUser.requireUsername()).orElseThrow();
        ServiceAccount account = accounts.save(new ServiceAccountEntity(name, description.strip(), owner, clock.instant()))
                .toServiceAccount();
        events.publishEvent(new ServiceAccountCreated(name, owner.getUsername(), account.description()));
        return account;
    }

    /** The caller's service accounts. */
    @Transactional(readOnly = true)
    public List<ServiceAccount> mine() {
        return accounts.findByOwnerUsernameOrderByName(currentUser.requireUsername()).stream()
                .map(ServiceAccountEntity::toServiceAccount).toList();
    }

    /** Every service account; for security officers, auditors and administrators. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SECURITY_OFFICER', 'AUDITOR', 'ADMIN')")
    public List<ServiceAccount> all() {
        return accounts.findAllByOrderByName().stream().map(ServiceAccountEntity::toServiceAccount).toList();
    }

    @Transactional(readOnly = true)
    public ServiceAccount get(String name) {
        return visible(name).toServiceAccount();
    }

    /** Disables (every token stops on its next call) or enables again; owners, and security officers to disable. */
    public ServiceAccount changeStatus(String name, ServiceAccount.Status status) {
        if (status == null) {
            throw new InvalidInputException("status", "Say which status: ACTIVE or DISABLED.");
        }
        ServiceAccountEntity account = visible(name);
        boolean owner = account.getOwner().getUsername().equals(currentUser.requireUsername());
        if (!owner && !(status == ServiceAccount.Status.DISABLED && currentUser.hasRole(Roles.SECURITY_OFFICER))) {
            throw new AccessDeniedException("Only the owner of " + name + " (or, to disable it, a security officer) may do this.");
        }
        account.setStatus(status);
        events.publishEvent(new ServiceAccountStatusChanged(name, status));
        return account.toServiceAccount();
    }

    /** A new token for the caller's service account; the secret is shown once. */
    public IssuedApiToken issueToken(String name, String tokenName, Duration lifetime) {
        ServiceAccountEntity account = owned(name);
        ApiTokenService.checkRequest(tokenName, lifetime, maxTokenLifetime);
        String secret = TokenSecrets.newSecret();
        PersonEntity issuer = people.findByUsername(currentUser.requireUsername()).orElseThrow();
        ApiToken token = tokens.save(ApiTokenEntity.issueFor(account, issuer, tokenName.strip(), secret, clock.instant(),
                lifetime)).toApiToken();
        events.publishEvent(new ApiTokenCreated(name, token.id(), token.name(), token.expiresAt()));
        return new IssuedApiToken(token, secret);
    }

    @Transactional(readOnly = true)
    public List<ApiToken> tokens(String name) {
        visible(name);
        return tokens.findByServiceAccountNameOrderByCreatedAtDesc(name).stream().map(ApiTokenEntity::toApiToken).toList();
    }

    public ApiToken revokeToken(String name, long id) {
        owned(name);
        ApiTokenEntity token = tokens.findByIdAndServiceAccountName(id, name)
                .orElseThrow(() -> new NotFoundException(name + " has no API token with id " + id + "."));
        token.revoke(clock.instant());
        events.publishEvent(new ApiTokenRevoked(name, id));
        return token.toApiToken();
    }

    /**
     * The service account {@code name} (empty when there is none, e.g. {@code name} is a person), for other
     * modules' rules: who may request its access, who may not approve it.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("permitAll()")
    public Optional<ServiceAccount> lookup(String name) {
        return name == null ? Optional.empty() : accounts.findValueByName(name);
    }

    /** Every service account by name, for workflows that look at many principals at once (a campaign's launch). */
    @Transactional(readOnly = true)
    @PreAuthorize("permitAll()")
    public Map<String, ServiceAccount> byName() {
        return accounts.findAllValues().stream().collect(Collectors.toMap(ServiceAccount::name, a -> a));
    }

    private ServiceAccountEntity owned(String name) {
        ServiceAccountEntity account = visible(name);
        if (!account.getOwner().getUsername().equals(currentUser.requireUsername())) {
            throw new AccessDeniedException("Only the owner of " + name + " manages its tokens.");
        }
        return account;
    }

    /** The account if the caller owns it or may see all; otherwise 404, so names of others' accounts do not leak. */
    private ServiceAccountEntity visible(String name) {
        return accounts.findByName(name)
                .filter(a -> a.getOwner().getUsername().equals(currentUser.requireUsername())
                        || currentUser.hasRole(Roles.SECURITY_OFFICER) || currentUser.hasRole(Roles.AUDITOR)
                        || currentUser.hasRole(Roles.ADMIN))
                .orElseThrow(() -> new NotFoundException("You have no service account named '" + name + "'."));
    }
}
