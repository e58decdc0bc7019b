package todoservice.todo;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import todoservice.web.Problem;

/** The todo rules' refusals, each with its status code. */
public final class TodoExceptionMapper implements ExceptionMapper<TodoException> {

    @Override
    public Response toResponse(TodoException exception) {
        int status = switch (exception.reason()) {
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case PRECONDITION_FAILED -> 412;
            case KEY_REUSED -> 422;
            case CONFLICT -> 409;
        };
        return Problem.of(status, exception.getMessage()).toResponse().build();
    }
}
