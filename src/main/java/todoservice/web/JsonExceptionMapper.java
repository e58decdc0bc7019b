package todoservice.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body that is not the JSON we expect (bad syntax, wrong types, an object where text belongs) is a 400. */
public final class JsonExceptionMapper implements ExceptionMapper<JacksonException> {

    @Override
    public Response toResponse(JacksonException exception) {
        return Problem.of(400, detail(exception)).toResponse().build();
    }

    private static String detail(JacksonException exception) {
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field \"" + unknown.getPropertyName() + "\".";
        }
        if (exception instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName();
            return "Field \"" + field + "\" must be " + describe(mismatch.getTargetType()) + ".";
        }
        if (exception instanceof MismatchedInputException) {
            return "The body must be a JSON object.";
        }
        return "The body is not valid JSON: " + firstLine(exception.getOriginalMessage());
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        return "of another type";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable.";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
