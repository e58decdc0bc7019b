package todoservice.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** {@link ApiException}s as problem answers, with their headers. */
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException exception) {
        Response.ResponseBuilder answer = Problem.of(exception.status(), exception.getMessage()).toResponse();
        exception.headers().forEach(answer::header);
        return answer.build();
    }
}
