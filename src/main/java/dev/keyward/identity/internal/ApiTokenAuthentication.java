package dev.keyward.identity.internal;

import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** A bearer token on its way in (unauthenticated, holding the secret) or the person it proved (authenticated). */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final String principal;
    private final transient String secret;

    private ApiTokenAuthentication(String principal, String secret, Collection<? extends GrantedAuthority> authorities,
                                   boolean authenticated) {
        super(authorities);
        this.principal = principal;
        this.secret = secret;
        setAuthenticated(authenticated);
    }

    static ApiTokenAuthentication unauthenticated(String secret) {
        return new ApiTokenAuthentication(null, secret, List.of(), false);
    }

    static ApiTokenAuthentication authenticated(String username, Collection<? extends GrantedAuthority> authorities) {
        return new ApiTokenAuthentication(username, null, authorities, true);
    }

    String secret() {
        return secret;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal == null ? "" : principal;
    }
}
