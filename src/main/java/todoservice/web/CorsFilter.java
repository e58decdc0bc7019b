package todoservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for every route, for the origins the configuration allows ({@code CORS_ALLOWED_ORIGINS}): pages from those
 * origins may call the API from a browser with a bearer token; any other origin gets no CORS headers, so the
 * browser keeps their answers from the page. No credentials (cookies) ever: the session cookie is for the service's
 * own pages ({@link SessionCookie}). A servlet filter (see web.xml), so the headers are set before Jersey sees the
 * request, and a preflight is answered without reaching Jersey at all.
 */
public final class CorsFilter extends HttpFilter {

    private static final String ORIGINS = CorsFilter.class.getName() + ".origins";
    /** Allows every origin; only the development switch may set it (see ConfigReader). */
    public static final String ANY_ORIGIN = "*";

    private static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String ALLOW_HEADERS = "Content-Type, Accept, Authorization, If-Match, If-None-Match, "
            + "Idempotency-Key, X-Request-Id, " + SessionCookieFilter.CSRF_HEADER;
    private static final String EXPOSE_HEADERS = "Location, ETag, Retry-After, X-Request-Id, Idempotent-Replayed, "
            + "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy";
    private static final String MAX_AGE_SECONDS = "86400";

    private Set<String> origins = Set.of();

    /** Called by the servlet listener on deploy, before the filters start. */
    public static void allow(ServletContext context, List<String> origins) {
        context.setAttribute(ORIGINS, Set.copyOf(origins));
    }

    @Override
    public void init() {
        if (getServletContext().getAttribute(ORIGINS) instanceof Set<?> allowed) {
            origins = allowed.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origins.contains(ANY_ORIGIN)) {
            response.setHeader("Access-Control-Allow-Origin", ANY_ORIGIN);
        } else if (origin != null && origins.contains(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.addHeader("Vary", "Origin");
        } else {
            response.addHeader("Vary", "Origin");
            chain.doFilter(request, response);
            return;
        }
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
