package todoservice.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything unforeseen: a 500 whose error id is logged with the stack trace, so a report can be traced. */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        String errorId = UUID.randomUUID().toString();
        log.error("Unexpected error {}", errorId, exception);
        Problem problem = new Problem("about:blank", "Internal Server Error", 500,
                "Something went wrong on our side. Quote error id " + errorId + " when reporting it.", errorId, null);
        return problem.toResponse().build();
    }
}
