package dev.keyward.identity.internal;

import dev.keyward.identity.CurrentUser;
import dev.keyward.identity.Roles;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The one place that reads Spring Security's context for the rest of Keyward. */
@Component
class SecurityCurrentUser implements CurrentUser {

    @Override
    public Optional<String> username() {
        return authentication().map(Authentication::getName);
    }

    @Override
    public boolean hasRole(String role) {
        String authority = Roles.authority(role);
        return authentication().stream().flatMap(a -> a.getAuthorities().stream())
                .anyMatch(g -> authority.equals(g.getAuthority()));
    }

    private static Optional<Authentication> authentication() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken
                ? Optional.empty() : Optional.of(a);
    }
}
