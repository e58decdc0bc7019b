package todoservice.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read what only operators should (every meter, why a dependency is down): loopback clients (the client
 * address as the container sees it, after a trusted proxy's X-Forwarded-For) and callers with the
 * {@code METRICS_TOKEN} bearer token. This holds even for a Tomcat that runs without nginx in front.
 */
public final class OperatorAccess {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

    private final Optional<String> token;

    public OperatorAccess(Optional<String> token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    /** {@code authorization}: the request's Authorization header, or null. */
    public boolean allows(HttpServletRequest request, String authorization) {
        return LOOPBACK.contains(request.getRemoteAddr()) || hasToken(authorization);
    }

    private boolean hasToken(String authorization) {
        if (token.isEmpty() || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8));
    }
}
