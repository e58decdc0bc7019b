package todoservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * CORS for every route, as Todo-Backend clients in a browser need: any origin, no credentials (the API will use
 * bearer tokens, not cookies, so a wildcard origin exposes nothing a page could not already send). A servlet
 * filter (see web.xml): the headers are the same on every answer, so they are set before Jersey sees the request,
 * and a preflight is answered without reaching Jersey at all.
 */
public final class CorsFilter extends HttpFilter {

    private static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String ALLOW_HEADERS = "Content-Type, Accept, Authorization, If-Match, If-None-Match, "
            + "Idempotency-Key, X-Request-Id";
    private static final String EXPOSE_HEADERS = "Location, ETag, Retry-After, X-Request-Id, Idempotent-Replayed";
    private static final String MAX_AGE_SECONDS = "86400";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
        if (!preflight) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
        response.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
        response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
    }
}
