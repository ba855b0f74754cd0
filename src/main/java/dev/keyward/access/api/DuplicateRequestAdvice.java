package dev.keyward.access.api;

import dev.keyward.access.DuplicateAccessRequestException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A duplicate request is a 409 that links the pending request. */
@RestControllerAdvice(assignableTypes = AccessController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DuplicateRequestAdvice {

    @ExceptionHandler(DuplicateAccessRequestException.class)
    ProblemDetail duplicate(DuplicateAccessRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("existing", "/api/v1/access-requests/" + e.existingId());
        return problem;
    }
}
