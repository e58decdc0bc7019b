package todoservice.web;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Turns Jersey's own refusals (404 route, 405, 406, 415, ...) into problem answers, keeping their headers. */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    /** A per-request proxy that Jersey injects into this shared instance. */
    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.getEntity() instanceof Problem) {
            return original;
        }
        int status = original.getStatus();
        Response.ResponseBuilder answer = Problem.of(status, detail(exception, status)).toResponse();
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }

    private String detail(WebApplicationException exception, int status) {
        if (exception instanceof NotFoundException) {
            return "There is nothing at /" + uriInfo.getPath() + ".";
        }
        if (exception instanceof NotAllowedException) {
            return "/" + uriInfo.getPath() + " does not support this method; see the Allow header.";
        }
        return switch (status) {
            case 406 -> "The Accept header allows nothing this resource answers in (application/json; "
                    + "text/event-stream for /events).";
            case 415 -> "Send the body as application/json (or a form, where the endpoint takes one).";
            default -> exception.getMessage();
        };
    }
}
