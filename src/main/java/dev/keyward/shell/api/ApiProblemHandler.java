package dev.keyward.shell.api;

import dev.keyward.common.ConflictException;
import dev.keyward.common.InvalidInputException;
import dev.keyward.common.NotFoundException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns Keyward's refusals into RFC 9457 problem details for {@code /api/**}: bad input 400, unknown thing 404, a
 * state that forbids the change 409, each with the refusal's message. Anything else is a plain 500 without
 * internals, also the JDK exceptions the refusals extend when a library throws them (their messages are not
 * written for callers). Spring MVC's own errors are problem details through the base class, with texts that name
 * the field and what it must be (never a Java type). It applies to every handler, so that an unknown address
 * (404) or method (405) under {@code /api} is a problem detail too.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler({InvalidInputException.class, ConstraintViolationException.class})
    ProblemDetail badRequest(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        if (e instanceof InvalidInputException invalid) {
            invalid.field().ifPresent(field -> problem.setProperty("field", field));
        }
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /**
     * The database does not answer (down, cut off, pool exhausted past its timeout): 503 with Retry-After, so a
     * script waits and retries instead of treating the request as refused. Nothing was changed.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("API request failed: the database does not answer ({})", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Keyward cannot reach its "
                        + "database right now, so nothing was done. Try again in a few seconds."));
    }

    /** Security decides these (401/403 problem details); rethrown so its filters see them. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        throw e;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return problem(e, headers, status, request, ProblemTexts.unreadableBody(e));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return problem(e, headers, status, request, ProblemTexts.mismatch(name, e.getRequiredType()));
    }

    /** Bean Validation and query-object binding: every field with what is wrong with it. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        BindingResult result = e.getBindingResult();
        String detail = result.getFieldErrors().stream()
                .map(f -> f.isBindingFailure() ? ProblemTexts.mismatch(f.getField(), result.getFieldType(f.getField()))
                        : "'" + f.getField() + "' " + f.getDefaultMessage() + ".")
                .distinct().collect(Collectors.joining(" "));
        return problem(e, headers, status, request, detail.isEmpty() ? "The request is not valid." : detail);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return problem(e, headers, status, request, "There is nothing at " + e.getHttpMethod() + " /" + e.getResourcePath()
                + ". The API's operations are listed at /v3/api-docs.");
    }

    private ResponseEntity<Object> problem(Exception e, HttpHeaders headers, HttpStatusCode status, WebRequest request,
                                           String detail) {
        return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(status, detail), headers, status, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error in the API", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Keyward could not complete the request. The error is logged for the administrators.");
    }
}
