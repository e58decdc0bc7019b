package todoservice.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code Set-Cookie} headers of the web page's session: its API token in a cookie the page's JavaScript cannot
 * read ({@code HttpOnly}), that the browser sends only with requests from the service's own pages
 * ({@code SameSite=Strict}), for the application's path, and only over https when the service is reached over https.
 */
public final class SessionCookie {

    public static final String NAME = "todo_session";

    private final Optional<URI> publicBase;

    /** {@code publicBase}: {@code PUBLIC_BASE_URL}, whose scheme and path are what the browser sees. */
    public SessionCookie(Optional<URI> publicBase) {
        this.publicBase = Objects.requireNonNull(publicBase, "publicBase");
    }

    /** The header that stores {@code token} for {@code lifetime}, in answer to {@code request}. */
    public String holding(String token, Duration lifetime, HttpServletRequest request) {
        return header(token, Math.max(1, lifetime.toSeconds()), overHttps(request), request.getContextPath());
    }

    /** The header that makes the browser drop the cookie. */
    public String cleared(HttpServletRequest request) {
        return header("", 0, overHttps(request), request.getContextPath());
    }

    /** The session token the request's cookie holds, if any (the first, should the browser send several). */
    public static Optional<String> valueIn(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    String header(String value, long maxAgeSeconds, boolean overHttps, String contextPath) {
        StringBuilder header = new StringBuilder(NAME).append('=').append(value)
                .append("; Path=").append(path(contextPath))
                .append("; Max-Age=").append(maxAgeSeconds)
                .append("; HttpOnly; SameSite=Strict");
        if (overHttps || publicBase.map(base -> "https".equalsIgnoreCase(base.getScheme())).orElse(false)) {
            header.append("; Secure");
        }
        return header.toString();
    }

    /** The public base's path when there is one (a proxy may serve the application under another), else Tomcat's. */
    private String path(String contextPath) {
        String path = publicBase.map(URI::getPath).orElse(contextPath);
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return "/";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * Whether the browser reached us over https: the container's scheme, which behind a trusted proxy already comes
     * from its {@code X-Forwarded-Proto} (Tomcat's RemoteIpValve, Jetty's forwarded-request customizer), as the
     * links' scheme does; never the header itself, which anyone may send.
     */
    private static boolean overHttps(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getScheme());
    }
}
