package todoservice.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job to enqueue. {@code fingerprint} identifies the request, so reusing an idempotency key for a different
 * request is recognised; {@code delay} holds the job back before any worker may take it.
 */
public record NewJob(
        String ownerId,
        String type,
        Map<String, String> params,
        Optional<String> idempotencyKey,
        String fingerprint,
        Duration delay) {

    public NewJob {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(type, "type");
        params = Map.copyOf(params);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
    }

    public static NewJob now(String ownerId, String type, Map<String, String> params, Optional<String> idempotencyKey,
            String fingerprint) {
        return new NewJob(ownerId, type, params, idempotencyKey, fingerprint, Duration.ZERO);
    }
}
