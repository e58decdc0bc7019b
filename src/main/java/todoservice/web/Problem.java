package todoservice.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem answer. {@code error_id} appears only on 500s and is logged with the stack trace; {@code limit}
 * only on a refusal by a rate limit or quota ({@link #LIMIT_REACHED}), naming which one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        @JsonProperty("error_id") String errorId,
        String limit) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    /** A tag URI (RFC 9457 §3.1.1 suggests one for a type that needs no page): a limit or quota said no. */
    public static final String LIMIT_REACHED = "tag:todoservice,2026:limit-reached";
    /** A change made with the session cookie lacked its CSRF token, or sent another one. */
    public static final String CSRF = "tag:todoservice,2026:csrf";

    public static Problem of(int status, String detail) {
        return new Problem("about:blank", reasonPhrase(status), status, detail, null, null);
    }

    /** A refusal by the limit named {@code limit} ({@code requests}, {@code todos}, …). */
    public static Problem limitReached(int status, String limit, String detail) {
        return new Problem(LIMIT_REACHED, "Limit reached", status, detail, null, limit);
    }

    /** A 403: a change came with the session cookie but without the session's CSRF token. */
    public static Problem csrfRefused(String detail) {
        return new Problem(CSRF, "CSRF token missing or wrong", 403, detail, null, null);
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
