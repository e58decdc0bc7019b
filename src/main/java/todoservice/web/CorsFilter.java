package todoservice.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * CORS for every route, as Todo-Backend clients in a browser need: any origin, no credentials (the API will use
 * bearer tokens, not cookies, so a wildcard origin exposes nothing a page could not already send).
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOW_HEADERS = "Content-Type, Accept, Authorization, If-Match, If-None-Match, "
            + "Idempotency-Key, X-Request-Id";
    static final String EXPOSE_HEADERS = "Location, ETag, Retry-After, X-Request-Id, Idempotent-Replayed";
    private static final String MAX_AGE_SECONDS = "86400";

    @Override
    public void filter(ContainerRequestContext request) {
        boolean preflight = HttpMethod.OPTIONS.equals(request.getMethod())
                && request.getHeaderString("Access-Control-Request-Method") != null;
        if (preflight) {
            request.abortWith(Response.noContent()
                    .header("Access-Control-Allow-Methods", ALLOW_METHODS)
                    .header("Access-Control-Allow-Headers", ALLOW_HEADERS)
                    .header("Access-Control-Max-Age", MAX_AGE_SECONDS)
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", "*");
        headers.putSingle("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
}
