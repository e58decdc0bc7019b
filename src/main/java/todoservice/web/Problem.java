package todoservice.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem answer. {@code error_id} appears only on 500s and is logged with the stack trace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        @JsonProperty("error_id") String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(int status, String detail) {
        return new Problem("about:blank", reasonPhrase(status), status, detail, null);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA).entity(this);
    }

    private static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> Response.Status.Family.familyOf(status).name();
        };
    }
}
