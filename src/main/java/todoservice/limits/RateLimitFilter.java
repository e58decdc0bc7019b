package todoservice.limits;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import todoservice.web.ApiException;
import todoservice.web.ApiExceptionMapper;

/**
 * Counts every request made with an account's token against the account's rate limit, refuses it with a 429 once
 * the limit is reached, and tells the client where it stands in the {@code RateLimit-*} headers
 * (draft-ietf-httpapi-ratelimit-headers, in the form most clients read). Requests without a valid token are left
 * to the resources, which refuse them; logins have limits of their own.
 */
public final class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    private final RequestRateLimiter limiter;
    private final Function<String, Optional<String>> accountOf;
    private final long windowSeconds;
    private final String policy;

    /**
     * {@code accountOf}: the account a request's {@code Authorization} header holds a valid token of, if any;
     * {@code limit} and {@code window}: the limiter's, for the {@code RateLimit-Policy} header.
     */
    public RateLimitFilter(RequestRateLimiter limiter, Function<String, Optional<String>> accountOf, int limit,
            Duration window) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.accountOf = Objects.requireNonNull(accountOf, "accountOf");
        this.windowSeconds = window.toSeconds();
        this.policy = limit + ";w=" + windowSeconds;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return;
        }
        Optional<String> account = accountOf.apply(authorization);
        if (account.isEmpty()) {
            return;
        }
        RequestRateLimiter.Decision decision = limiter.acquire(account.get());
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            request.abortWith(new ApiExceptionMapper().toResponse(ApiException.limitReached(429, "requests",
                    "This account made " + decision.limit() + " requests in its current window of "
                            + windowSeconds + " s, its rate limit; try again in " + decision.resetSeconds() + " s.",
                    Map.of("Retry-After", Long.toString(decision.resetSeconds())))));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RequestRateLimiter.Decision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("RateLimit-Limit", decision.limit());
            headers.putSingle("RateLimit-Remaining", decision.remaining());
            headers.putSingle("RateLimit-Reset", decision.resetSeconds());
            headers.putSingle("RateLimit-Policy", policy);
        }
    }
}
