package todoservice.ops;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One dependency as {@code /health/ready} reports it. {@code probe} answers a body with at least a
 * {@code status} (UP, DOWN or DISABLED); a {@code required} dependency that is not UP makes the node not ready,
 * others (the cache's Redis, the job queue) are reported without failing readiness, as the service lives without
 * them.
 */
public record HealthCheck(String name, boolean required, Supplier<Map<String, Object>> probe) {

    public static final Map<String, Object> UP = Map.of("status", "UP");
    public static final Map<String, Object> DOWN = Map.of("status", "DOWN");
    public static final Map<String, Object> DISABLED = Map.of("status", "DISABLED");

    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
    }

    public static Map<String, Object> down(String error) {
        return Map.of("status", "DOWN", "error", error);
    }

    static boolean isUp(Map<String, Object> body) {
        return "UP".equals(body.get("status"));
    }
}
