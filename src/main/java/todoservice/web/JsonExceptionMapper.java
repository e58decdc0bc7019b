package todoservice.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body that is not the JSON we expect (bad syntax, wrong types, an object where text belongs) is a 400. */
public final class JsonExceptionMapper implements ExceptionMapper<JacksonException> {

    @Override
    public Response toResponse(JacksonException exception) {
        String detail = exception instanceof UnrecognizedPropertyException unknown
                ? "Unknown field \"" + unknown.getPropertyName() + "\"."
                : "The body is not valid JSON for this request: " + firstLine(exception.getOriginalMessage());
        return Problem.of(400, detail).toResponse().build();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable.";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
