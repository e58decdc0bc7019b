package todoservice.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A body that is not the JSON we expect (bad syntax, wrong types, an object where text belongs, a field twice) is a
 * 400 that says so in the client's words; the parser's own message, which names its internals, goes to the log.
 */
public final class JsonExceptionMapper implements ExceptionMapper<JacksonException> {

    /** How Jackson's STRICT_DUPLICATE_DETECTION starts its message, before the field's name in quotes. */
    private static final String DUPLICATE_FIELD = "Duplicate field '";
    private static final Logger log = LoggerFactory.getLogger(JsonExceptionMapper.class);

    @Override
    public Response toResponse(JacksonException exception) {
        log.info("Refused a JSON body: {}", firstLine(exception.getOriginalMessage()));
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
        if (exception instanceof StreamConstraintsException) {
            return "The body is nested too deeply, or holds a number or a text too long to read.";
        }
        String message = String.valueOf(exception.getOriginalMessage());
        if (message.startsWith(DUPLICATE_FIELD)) {
            int end = message.indexOf('\'', DUPLICATE_FIELD.length());
            return "Field \"" + message.substring(DUPLICATE_FIELD.length(), Math.max(end, DUPLICATE_FIELD.length()))
                    + "\" is given more than once.";
        }
        JsonLocation where = exception.getLocation();
        return where == null || where.getLineNr() < 1 ? "The body is not valid JSON."
                : "The body is not valid JSON (line " + where.getLineNr() + ", column " + where.getColumnNr() + ").";
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
