package dev.keyward.identity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password sign-in behind the {@link SignInThrottle}. Every failure (unknown user, wrong password, throttled,
 * locked, inactive) surfaces as the same {@link BadCredentialsException}, so the login page cannot tell them apart,
 * and takes the same work: refusals that skip the password check hash the presented password against a dummy
 * hash instead, so timing does not reveal which usernames exist or are throttled.
 */
class ThrottledPasswordAuthenticationProvider implements AuthenticationProvider {

    static final String FAILURE_MESSAGE = "Sign-in failed";
    private static final Logger log = LoggerFactory.getLogger(ThrottledPasswordAuthenticationProvider.class);

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final PasswordEncoder encoder;
    private volatile String dummyHash;

    ThrottledPasswordAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder, SignInThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
        this.encoder = encoder;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        try {
            return checkPassword(authentication);
        } catch (AuthenticationException e) {
            throw e;
        } catch (RuntimeException e) {
            // Fail closed: a sign-in the audit log cannot record does not happen.
            log.error("Sign-in refused: it could not be recorded in the audit log", e);
            throw new InternalAuthenticationServiceException(FAILURE_MESSAGE, e);
        }
    }

    private Authentication checkPassword(Authentication authentication) {
        String username = authentication.getName();
        if (!SignInNames.isPlausible(username)) {
            throttle.recordRefusal(SignInNames.forAudit(username), "IMPLAUSIBLE_USERNAME");
            throw refusedAfterEqualWork(authentication, null);
        }
        if (throttle.claim(username) == SignInThrottle.Claim.THROTTLED) {
            throw refusedAfterEqualWork(authentication, null);
        }
        Authentication result;
        try {
            result = passwords.authenticate(authentication);
        } catch (BadCredentialsException e) {
            throttle.recordFailure(username, "BAD_CREDENTIALS");
            throw new BadCredentialsException(FAILURE_MESSAGE, e);
        } catch (LockedException e) {
            throttle.recordRefusal(username, "LOCKED");
            throw refusedAfterEqualWork(authentication, e);
        } catch (AuthenticationException e) {
            throttle.recordRefusal(username, "INACTIVE");
            throw refusedAfterEqualWork(authentication, e);
        }
        throttle.recordSuccess(username);
        return result;
    }

    /** Spends what a password check costs (the password itself is never compared with anything real). */
    private BadCredentialsException refusedAfterEqualWork(Authentication authentication, AuthenticationException cause) {
        if (dummyHash == null) {
            dummyHash = encoder.encode("keyward timing equaliser");
        }
        Object presented = authentication.getCredentials();
        encoder.matches(presented == null ? "" : presented.toString(), dummyHash);
        return new BadCredentialsException(FAILURE_MESSAGE, cause);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
