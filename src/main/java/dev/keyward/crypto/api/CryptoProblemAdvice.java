package dev.keyward.crypto.api;

import dev.keyward.crypto.CryptoRefusedException;
import dev.keyward.crypto.internal.CryptoProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Crypto refusals as problem details: 403 no grant, 409 state, 422 not authentic, 503 HSM away (with Retry-After). */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = CryptoController.class)
class CryptoProblemAdvice {

    private final CryptoProperties properties;

    CryptoProblemAdvice(CryptoProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(CryptoRefusedException.class)
    ResponseEntity<ProblemDetail> refused(CryptoRefusedException e) {
        HttpStatus status = switch (e.kind()) {
            case NO_GRANT -> HttpStatus.FORBIDDEN;
            case STATE_FORBIDS -> HttpStatus.CONFLICT;
            case KEY_DESTROYED -> HttpStatus.GONE;
            case NOT_AUTHENTIC -> HttpStatus.UNPROCESSABLE_ENTITY;
            case HSM_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        var response = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(properties.retryAfter().toSeconds()));
        }
        return response.body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }
}
