package todoservice.config;

import com.mongodb.ConnectionString;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The service's whole configuration, immutable. Every key, its default and its meaning are listed in the README;
 * {@link ConfigReader} builds it from context parameters, system properties and environment variables.
 */
public record Config(
        ConnectionString mongodbUri,
        boolean mongodbUriGiven,
        Duration mongodbTimeout,
        int mongodbMaxPoolSize,
        Duration mongodbQueryTimeout,
        int todoMaxContentLength,
        int httpMaxBodyBytes,
        Duration idempotencyKeyTtl,
        Path devStoreDir,
        boolean devServices,
        Optional<String> metricsToken,
        boolean authAnonymous,
        Duration authTokenTtl,
        Duration authSessionTtl,
        List<String> corsAllowedOrigins,
        Optional<URI> publicBaseUrl,
        Set<String> allowedHosts,
        CacheSettings cache,
        JobSettings jobs,
        AuthSettings auth,
        LimitSettings limits) {

    public static final String DEFAULT_DATABASE = "todo";

    public Config {
        Objects.requireNonNull(mongodbUri, "mongodbUri");
        Objects.requireNonNull(mongodbTimeout, "mongodbTimeout");
        Objects.requireNonNull(mongodbQueryTimeout, "mongodbQueryTimeout");
        Objects.requireNonNull(idempotencyKeyTtl, "idempotencyKeyTtl");
        Objects.requireNonNull(devStoreDir, "devStoreDir");
        Objects.requireNonNull(metricsToken, "metricsToken");
        Objects.requireNonNull(authTokenTtl, "authTokenTtl");
        Objects.requireNonNull(authSessionTtl, "authSessionTtl");
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        allowedHosts = Set.copyOf(allowedHosts);
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(limits, "limits");
    }

    public Config withCache(CacheSettings newCache) {
        return new Config(mongodbUri, mongodbUriGiven, mongodbTimeout, mongodbMaxPoolSize, mongodbQueryTimeout,
                todoMaxContentLength, httpMaxBodyBytes, idempotencyKeyTtl, devStoreDir, devServices, metricsToken,
                authAnonymous, authTokenTtl, authSessionTtl, corsAllowedOrigins, publicBaseUrl, allowedHosts, newCache,
                jobs, auth, limits);
    }

    /** The job queue's Redis: {@code JOBS_REDIS_URI}, else the cache's {@code REDIS_URI}; empty without either. */
    public Optional<URI> jobsRedisUri() {
        return jobs.redisUri().or(cache::redisUri);
    }

    /** The database named in the URI's path, or "todo". */
    public String mongodbDatabase() {
        String name = mongodbUri.getDatabase();
        return name == null || name.isBlank() ? DEFAULT_DATABASE : name;
    }

    /** Every key with its effective value, passwords masked: safe to log. */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put(ConfigReader.MONGODB_URI, redact(mongodbUri));
        shown.put(ConfigReader.MONGODB_TIMEOUT, mongodbTimeout.toMillis() + "ms");
        shown.put(ConfigReader.MONGODB_MAX_POOL_SIZE, Integer.toString(mongodbMaxPoolSize));
        shown.put(ConfigReader.MONGODB_QUERY_TIMEOUT, mongodbQueryTimeout.toMillis() + "ms");
        shown.put(ConfigReader.TODO_MAX_CONTENT_LENGTH, Integer.toString(todoMaxContentLength));
        shown.put(ConfigReader.HTTP_MAX_BODY_BYTES, Integer.toString(httpMaxBodyBytes));
        shown.put(ConfigReader.IDEMPOTENCY_KEY_TTL, idempotencyKeyTtl.toString());
        shown.put(ConfigReader.DEV_STORE_DIR, devStoreDir.toString());
        shown.put(ConfigReader.DEV_SERVICES, Boolean.toString(devServices));
        shown.put(ConfigReader.METRICS_TOKEN, metricsToken.isPresent() ? "****" : "none");
        shown.put(ConfigReader.AUTH_ANONYMOUS, Boolean.toString(authAnonymous));
        shown.put(ConfigReader.AUTH_TOKEN_TTL, authTokenTtl.toString());
        shown.put(ConfigReader.AUTH_SESSION_TTL, authSessionTtl.toString());
        shown.put(ConfigReader.CORS_ALLOWED_ORIGINS, String.join(",", corsAllowedOrigins));
        shown.put(ConfigReader.PUBLIC_BASE_URL, publicBaseUrl.map(URI::toString).orElse("none"));
        shown.put(ConfigReader.ALLOWED_HOSTS, String.join(",", new java.util.TreeSet<>(allowedHosts)));
        shown.put(ConfigReader.CACHE_MODE, cache.mode().toString());
        shown.put(ConfigReader.REDIS_URI, cache.describeRedisUri());
        shown.put(ConfigReader.REDIS_TIMEOUT, cache.redisTimeout().toMillis() + "ms");
        shown.put(ConfigReader.REDIS_POOL_SIZE, Integer.toString(cache.redisPoolSize()));
        shown.put(ConfigReader.REDIS_BREAKER_OPEN, cache.redisBreakerOpen().toMillis() + "ms");
        shown.put(ConfigReader.CACHE_L1_MAX_BYTES, Long.toString(cache.l1MaxBytes()));
        shown.put(ConfigReader.CACHE_L1_TTL, cache.l1Ttl().toMillis() + "ms");
        shown.put(ConfigReader.CACHE_L2_FRESH_TTL, cache.l2FreshTtl().toMillis() + "ms");
        shown.put(ConfigReader.CACHE_L2_STALE_TTL, cache.l2StaleTtl().toMillis() + "ms");
        shown.put(ConfigReader.CACHE_NEGATIVE_TTL, cache.negativeTtl().toMillis() + "ms");
        shown.put(ConfigReader.CACHE_LEASE_TTL, cache.leaseTtl().toMillis() + "ms");
        shown.put(ConfigReader.CACHE_LEASE_WAIT, cache.leaseWait().toMillis() + "ms");
        shown.put(ConfigReader.CACHE_GENERATION_REUSE, cache.generationReuse().toMillis() + "ms");
        shown.put(ConfigReader.CACHE_TTL_JITTER, Double.toString(cache.ttlJitter()));
        shown.put(ConfigReader.JOBS_REDIS_URI, jobsRedisUri().map(CacheSettings::redact).orElse("none"));
        shown.put(ConfigReader.JOBS_RUN_IN_APP, Boolean.toString(jobs.runInApp()));
        shown.put(ConfigReader.JOBS_CONCURRENCY, Integer.toString(jobs.concurrency()));
        shown.put(ConfigReader.JOBS_VISIBILITY_TIMEOUT, jobs.visibilityTimeout().toMillis() + "ms");
        shown.put(ConfigReader.JOBS_MAX_ATTEMPTS, Integer.toString(jobs.maxAttempts()));
        shown.put(ConfigReader.JOBS_RETRY_BASE_DELAY, jobs.retryBaseDelay().toMillis() + "ms");
        shown.put(ConfigReader.JOBS_RETRY_MAX_DELAY, jobs.retryMaxDelay().toMillis() + "ms");
        shown.put(ConfigReader.JOBS_RETENTION, jobs.retention().toString());
        shown.put(ConfigReader.JOBS_SHUTDOWN_GRACE, jobs.shutdownGrace().toMillis() + "ms");
        shown.put(ConfigReader.JOBS_IMPORT_MAX_BYTES, Long.toString(jobs.importMaxBytes()));
        shown.put(ConfigReader.JOBS_IMPORT_BATCH_SIZE, Integer.toString(jobs.importBatchSize()));
        shown.put(ConfigReader.AUTH_HASH_MEMORY_KIB, Integer.toString(auth.hashMemoryKib()));
        shown.put(ConfigReader.AUTH_HASH_ITERATIONS, Integer.toString(auth.hashIterations()));
        shown.put(ConfigReader.AUTH_HASH_PARALLELISM, Integer.toString(auth.hashParallelism()));
        shown.put(ConfigReader.AUTH_HASH_CONCURRENCY, Integer.toString(auth.hashConcurrency()));
        shown.put(ConfigReader.AUTH_HASH_WAIT, auth.hashWait().toMillis() + "ms");
        shown.put(ConfigReader.AUTH_LOGIN_FAILURES_PER_ACCOUNT, Integer.toString(auth.loginFailuresPerAccount()));
        shown.put(ConfigReader.AUTH_LOGIN_FAILURES_PER_ADDRESS, Integer.toString(auth.loginFailuresPerAddress()));
        shown.put(ConfigReader.AUTH_LOGIN_WINDOW, auth.loginWindow().toString());
        shown.put(ConfigReader.AUTH_LOGIN_REFUSAL_DELAY, auth.loginRefusalDelay().toMillis() + "ms");
        shown.put(ConfigReader.RATE_LIMIT_REQUESTS, Integer.toString(limits.requestsPerWindow()));
        shown.put(ConfigReader.RATE_LIMIT_WINDOW, limits.rateWindow().toString());
        shown.put(ConfigReader.QUOTA_TODOS, Integer.toString(limits.maxTodos()));
        shown.put(ConfigReader.QUOTA_JOB_FILES, Integer.toString(limits.maxJobFiles()));
        shown.put(ConfigReader.QUOTA_QUEUED_JOBS, Integer.toString(limits.maxQueuedJobs()));
        shown.put(ConfigReader.EVENTS_MAX_STREAMS_PER_OWNER, Integer.toString(limits.maxEventStreams()));
        return shown;
    }

    @Override
    public String toString() {
        return "Config" + describe();
    }

    static String redact(ConnectionString uri) {
        char[] password = uri.getPassword();
        if (password == null) {
            return uri.getConnectionString();
        }
        String text = uri.getConnectionString();
        int at = text.indexOf('@');
        int colon = text.lastIndexOf(':', at);
        return text.substring(0, colon + 1) + "****" + text.substring(at);
    }
}
