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

    /** RFC 9110's names where JAX-RS still carries older ones. */
    private static String reasonPhrase(int status) {
        switch (status) {
            case 413:
                return "Content Too Large";
            case 422:
                return "Unprocessable Content";
            default:
                break;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status == 429 ? "Too Many Requests" : Response.Status.Family.familyOf(status).name();
    }
}
