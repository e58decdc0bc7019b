package todoservice.web;

import java.util.Map;
import java.util.Objects;

/**
 * A refusal that is not one of a feature's own rules: a bad query parameter, a missing job, a body too large, a
 * forbidden scrape. Thrown anywhere; {@link ApiExceptionMapper} answers it as a problem with {@code status},
 * {@code detail} and {@code headers} (e.g. {@code Retry-After}).
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;
    private final String limit;

    public ApiException(int status, String detail) {
        this(status, detail, Map.of());
    }

    public ApiException(int status, String detail, Map<String, String> headers) {
        this(status, detail, headers, null);
    }

    private ApiException(int status, String detail, Map<String, String> headers, String limit) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error's status is 4xx or 5xx: " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.limit = limit;
    }

    /** A refusal by a rate limit or quota; {@code limit} names it in the answer (e.g. {@code todos}). */
    public static ApiException limitReached(int status, String limit, String detail, Map<String, String> headers) {
        return new ApiException(status, detail, headers, Objects.requireNonNull(limit, "limit"));
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The limit that refused the request, or null when this is not a limit's refusal. */
    public String limit() {
        return limit;
    }
}
