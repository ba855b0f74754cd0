package dev.keyward.identity.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password sign-in behind the {@link SignInThrottle}. Every failure (unknown user, wrong password, throttled,
 * locked, inactive) surfaces as the same {@link BadCredentialsException}, so the login page cannot tell them apart.
 */
class ThrottledPasswordAuthenticationProvider implements AuthenticationProvider {

    static final String FAILURE_MESSAGE = "Sign-in failed";

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledPasswordAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder, SignInThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        if (!SignInNames.isPlausible(username) || !throttle.mayAttempt(username)) {
            throw new BadCredentialsException(FAILURE_MESSAGE);
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.recordSuccess(username);
            return result;
        } catch (BadCredentialsException e) {
            throttle.recordFailure(username);
            throw new BadCredentialsException(FAILURE_MESSAGE, e);
        } catch (AuthenticationException e) {
            throw new BadCredentialsException(FAILURE_MESSAGE, e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
