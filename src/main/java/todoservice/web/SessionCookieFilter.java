package todoservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lets the web page's session cookie ({@link SessionCookie}) stand for {@code Authorization: Bearer <token>}, so
 * every resource and the rate limit see a session exactly as they see a token. Only for a request without an
 * {@code Authorization} header: one that has it is left alone, cookie and all. A change (any method but GET, HEAD,
 * OPTIONS) must carry the session's {@link CsrfToken} in {@value #CSRF_HEADER}, which a page of another site cannot
 * know; without it the request goes on without credentials and {@link CsrfRefusalFilter} answers it with a 403
 * problem. A servlet filter (see web.xml), like {@link MalformedContentTypeFilter}: the header must be in place
 * before Jersey reads the request.
 */
public final class SessionCookieFilter extends HttpFilter {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Request attribute: why the session was refused (read by {@link CsrfRefusalFilter}). */
    static final String REFUSAL = SessionCookieFilter.class.getName() + ".refusal";
    /** Request attribute: the session token a request acts with, when it came from the cookie. */
    private static final String SESSION_TOKEN = SessionCookieFilter.class.getName() + ".token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /**
     * Where a POST sends a password and no credentials (log in, register): a stale cookie (its token revoked
     * elsewhere) must not keep the page from logging in again.
     */
    private static final Set<String> PASSWORD_PATHS = Set.of("/session", "/tokens", "/accounts");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> token = request.getHeader(HttpHeaders.AUTHORIZATION) == null
                ? SessionCookie.valueIn(request) : Optional.empty();
        if (token.isEmpty() || sendsPassword(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod())) {
            String given = request.getHeader(CSRF_HEADER);
            if (given == null || !CsrfToken.matches(token.get(), given)) {
                request.setAttribute(REFUSAL, given == null
                        ? "A change made with the session cookie needs the " + CSRF_HEADER + " header: send the"
                                + " csrf_token that POST or GET /session answered."
                        : "The " + CSRF_HEADER + " header is not this session's csrf_token: send the one that POST"
                                + " or GET /session answered.");
                chain.doFilter(request, response);
                return;
            }
        }
        request.setAttribute(SESSION_TOKEN, token.get());
        // The answer belongs to the cookie's account, and nothing in the request line says so: no shared cache may
        // keep it (a request with Authorization is safe from them by RFC 9111, a cookie is not), and a browser must
        // ask again. A resource's own Cache-Control (no-store on tokens) replaces this one.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        response.addHeader(HttpHeaders.VARY, HttpHeaders.COOKIE);
        chain.doFilter(new WithAuthorization(request, "Bearer " + token.get()), response);
    }

    /** The session token the request acts with, when it came from the cookie (not from an Authorization header). */
    public static Optional<String> sessionTokenOf(HttpServletRequest request) {
        return request.getAttribute(SESSION_TOKEN) instanceof String token ? Optional.of(token) : Optional.empty();
    }

    private static boolean sendsPassword(HttpServletRequest request) {
        String path = request.getServletPath() + Optional.ofNullable(request.getPathInfo()).orElse("");
        return "POST".equals(request.getMethod()) && PASSWORD_PATHS.contains(path);
    }

    private static final class WithAuthorization extends HttpServletRequestWrapper {

        private final String authorization;

        WithAuthorization(HttpServletRequest request, String authorization) {
            super(request);
            this.authorization = authorization;
        }

        @Override
        public String getHeader(String name) {
            return isAuthorization(name) ? authorization : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isAuthorization(name) ? Collections.enumeration(List.of(authorization)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Stream.concat(Collections.list(super.getHeaderNames()).stream(),
                    Stream.of(HttpHeaders.AUTHORIZATION)).toList());
        }

        private static boolean isAuthorization(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name);
        }
    }
}
