package todoservice.jobs;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.web.Problem;

/**
 * The job queue's Redis is down, hanging or full: 503 with {@code Retry-After}, and nothing was stored, so the
 * client can simply retry. Without any Redis configured it is a 503 that says so, with no {@code Retry-After}.
 */
public final class JobQueueExceptionMapper implements ExceptionMapper<JobQueueUnavailableException> {

    private static final Logger log = LoggerFactory.getLogger(JobQueueExceptionMapper.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(JobQueueUnavailableException exception) {
        if (!exception.retryable()) {
            return Problem.of(503, exception.getMessage()).toResponse().build();
        }
        if (exception.getCause() != null) {
            log.warn("Job queue unavailable: {}", exception.getMessage());
        } else {
            // The breaker answers many of these a second while Redis is away; it logged when it opened.
            log.debug("Job queue unavailable: {}", exception.getMessage());
        }
        return Problem.of(503, "The job queue is unavailable; nothing was stored. Retry shortly.")
                .toResponse()
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }
}
