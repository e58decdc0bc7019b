package todoservice.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The background-job part of {@link Config}. {@code redisUri} is {@code JOBS_REDIS_URI} as given; the queue falls
 * back to the cache's {@code REDIS_URI} (see {@link Config#jobsRedisUri()}). A worker that has not renewed its
 * claim on a job for {@code visibilityTimeout} loses it to another worker.
 */
public record JobSettings(
        Optional<URI> redisUri,
        boolean runInApp,
        int concurrency,
        Duration visibilityTimeout,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        Duration retention,
        Duration shutdownGrace,
        long importMaxBytes,
        int importBatchSize) {

    public JobSettings {
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
        Objects.requireNonNull(retryMaxDelay, "retryMaxDelay");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    }

    /** How often a worker renews its claim on a running job: three times per visibility timeout. */
    public Duration renewEvery() {
        return visibilityTimeout.dividedBy(3);
    }
}
