package todoservice.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** {@link ApiException}s as problem answers, with their headers (and the limit's name when a limit refused). */
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException exception) {
        Problem problem = exception.limit() == null ? Problem.of(exception.status(), exception.getMessage())
                : Problem.limitReached(exception.status(), exception.limit(), exception.getMessage());
        Response.ResponseBuilder answer = problem.toResponse();
        exception.headers().forEach(answer::header);
        return answer.build();
    }
}
