package todoservice.mongo;

import com.mongodb.MongoException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.web.Problem;
import todoservice.web.UnexpectedExceptionMapper;

/** An unreachable or hanging database is a 503 with {@code Retry-After}; other database errors are 500s. */
public final class MongoExceptionMapper implements ExceptionMapper<MongoException> {

    private static final Logger log = LoggerFactory.getLogger(MongoExceptionMapper.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    @Override
    public Response toResponse(MongoException exception) {
        if (MongoErrors.isUnavailable(exception)) {
            log.warn("MongoDB unavailable: {}", exception.getMessage());
            return Problem.of(503, "The database is unavailable; retry shortly.")
                    .toResponse()
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        return unexpected.toResponse(exception);
    }
}
