package todoservice.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import todoservice.web.ApiException;

/**
 * Prometheus text exposition of every meter, for loopback clients (the client address as the container sees it,
 * after a trusted proxy's X-Forwarded-For) or for callers with the {@code METRICS_TOKEN} bearer token. This holds
 * even for a Tomcat that runs without nginx in front.
 */
@Path("metrics")
public final class MetricsResource {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

    private final PrometheusMeterRegistry registry;
    private final Optional<String> token;

    public MetricsResource(PrometheusMeterRegistry registry, Optional<String> token) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.token = Objects.requireNonNull(token, "token");
    }

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape(@Context HttpServletRequest request, @HeaderParam("Authorization") String authorization) {
        if (!LOOPBACK.contains(request.getRemoteAddr()) && !hasToken(authorization)) {
            throw new ApiException(403,
                    "Metrics are served to loopback clients or with the METRICS_TOKEN bearer token.");
        }
        return registry.scrape();
    }

    private boolean hasToken(String authorization) {
        if (token.isEmpty() || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8));
    }
}
