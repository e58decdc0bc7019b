package todoservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    @Test
    void everyKeyHasTheDocumentedDefault() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of()));

        assertThat(config.mongodbUri().getConnectionString()).isEqualTo("mongodb://127.0.0.1:27017/todo");
        assertThat(config.mongodbUriGiven()).isFalse();
        assertThat(config.mongodbDatabase()).isEqualTo("todo");
        assertThat(config.mongodbTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.mongodbMaxPoolSize()).isEqualTo(100);
        assertThat(config.mongodbQueryTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.todoMaxContentLength()).isEqualTo(1000);
        assertThat(config.httpMaxBodyBytes()).isEqualTo(65536);
        assertThat(config.idempotencyKeyTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.devStoreDir()).isEqualTo(Path.of("data"));
        assertThat(config.devServices()).isFalse();
        assertThat(config.authAnonymous()).isFalse();
        assertThat(config.authTokenTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.authSessionTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.corsAllowedOrigins()).as("no cross-origin page by default").isEmpty();
        assertThat(config.publicBaseUrl()).isEmpty();
        assertThat(config.allowedHosts()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1");
        CacheSettings cache = config.cache();
        assertThat(cache.mode()).isEqualTo(CacheMode.L1_L2);
        assertThat(cache.redisUri()).isEmpty();
        assertThat(cache.redisTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(cache.redisPoolSize()).isEqualTo(64);
        assertThat(cache.redisBreakerOpen()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cache.l1MaxBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(cache.l1Ttl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(cache.l2FreshTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(cache.l2StaleTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(cache.negativeTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(cache.leaseTtl()).isEqualTo(Duration.ofSeconds(2));
        assertThat(cache.leaseWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(cache.generationReuse()).isEqualTo(Duration.ofMillis(5));
        assertThat(cache.ttlJitter()).isEqualTo(0.1);
    }

    @Test
    void everyCacheKeyIsReadUnderItsOwnName() {
        CacheSettings cache = ConfigReader.read(ConfigSource.of(Map.ofEntries(
                Map.entry("CACHE_MODE", "L2"),
                Map.entry("REDIS_URI", "rediss://app:pw@cache.example:6380/2"),
                Map.entry("REDIS_TIMEOUT", "100ms"),
                Map.entry("REDIS_POOL_SIZE", "16"),
                Map.entry("REDIS_BREAKER_OPEN", "3s"),
                Map.entry("CACHE_L1_MAX_BYTES", "1048576"),
                Map.entry("CACHE_L1_TTL", "2s"),
                Map.entry("CACHE_L2_FRESH_TTL", "30s"),
                Map.entry("CACHE_L2_STALE_TTL", "10m"),
                Map.entry("CACHE_NEGATIVE_TTL", "5s"),
                Map.entry("CACHE_LEASE_TTL", "1s"),
                Map.entry("CACHE_LEASE_WAIT", "300ms"),
                Map.entry("CACHE_GENERATION_REUSE", "0"),
                Map.entry("CACHE_TTL_JITTER", "0.2")))).cache();

        assertThat(cache.mode()).isEqualTo(CacheMode.L2);
        assertThat(cache.redisUri()).hasValueSatisfying(uri -> assertThat(uri.getHost()).isEqualTo("cache.example"));
        assertThat(cache.redisTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(cache.redisPoolSize()).isEqualTo(16);
        assertThat(cache.redisBreakerOpen()).isEqualTo(Duration.ofSeconds(3));
        assertThat(cache.l1MaxBytes()).isEqualTo(1_048_576);
        assertThat(cache.l1Ttl()).isEqualTo(Duration.ofSeconds(2));
        assertThat(cache.l2FreshTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cache.l2StaleTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(cache.negativeTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(cache.leaseTtl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cache.leaseWait()).isEqualTo(Duration.ofMillis(300));
        assertThat(cache.generationReuse()).as("a bare 0 turns reuse off").isZero();
        assertThat(cache.ttlJitter()).isEqualTo(0.2);
        assertThat(cache.describeRedisUri()).isEqualTo("rediss://app:****@cache.example:6380/2");
    }

    @Test
    void badCacheSettingsAreNamed() {
        ConfigSource source = ConfigSource.of(Map.of(
                "CACHE_MODE", "sometimes",
                "REDIS_URI", "http://user:hunter2@cache",
                "CACHE_TTL_JITTER", "1.5",
                "CACHE_L2_FRESH_TTL", "10m",
                "CACHE_L2_STALE_TTL", "1m",
                "CACHE_GENERATION_REUSE", "2s"));

        assertThatThrownBy(() -> ConfigReader.read(source))
                .hasMessageContaining("CACHE_MODE")
                .hasMessageContaining("CACHE_GENERATION_REUSE is invalid (must be between 0ms and 1000ms)")
                .hasMessageContaining("REDIS_URI")
                .hasMessageContaining("CACHE_TTL_JITTER")
                .hasMessageContaining("CACHE_L2_STALE_TTL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void everyJobKeyHasTheDocumentedDefault() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of()));
        JobSettings jobs = config.jobs();

        assertThat(jobs.redisUri()).isEmpty();
        assertThat(config.jobsRedisUri()).isEmpty();
        assertThat(jobs.runInApp()).isTrue();
        assertThat(jobs.concurrency()).isEqualTo(2);
        assertThat(jobs.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jobs.renewEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(jobs.maxAttempts()).isEqualTo(5);
        assertThat(jobs.retryBaseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(jobs.retryMaxDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(jobs.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(jobs.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(jobs.importMaxBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(jobs.importBatchSize()).isEqualTo(500);
    }

    @Test
    void everyJobKeyIsReadUnderItsOwnNameAndTheQueueFallsBackToTheCachesRedis() {
        Config config = ConfigReader.read(ConfigSource.of(Map.ofEntries(
                Map.entry("JOBS_REDIS_URI", "redis://queue.example:6380"),
                Map.entry("REDIS_URI", "redis://cache.example:6379"),
                Map.entry("JOBS_RUN_IN_APP", "false"),
                Map.entry("JOBS_CONCURRENCY", "8"),
                Map.entry("JOBS_VISIBILITY_TIMEOUT", "90s"),
                Map.entry("JOBS_MAX_ATTEMPTS", "3"),
                Map.entry("JOBS_RETRY_BASE_DELAY", "2s"),
                Map.entry("JOBS_RETRY_MAX_DELAY", "1m"),
                Map.entry("JOBS_RETENTION", "1d"),
                Map.entry("JOBS_SHUTDOWN_GRACE", "5s"),
                Map.entry("JOBS_IMPORT_MAX_BYTES", "1048576"),
                Map.entry("JOBS_IMPORT_BATCH_SIZE", "1000"))));
        JobSettings jobs = config.jobs();

        assertThat(config.jobsRedisUri()).contains(java.net.URI.create("redis://queue.example:6380"));
        assertThat(jobs.runInApp()).isFalse();
        assertThat(jobs.concurrency()).isEqualTo(8);
        assertThat(jobs.visibilityTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(jobs.maxAttempts()).isEqualTo(3);
        assertThat(jobs.retryBaseDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(jobs.retryMaxDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(jobs.retention()).isEqualTo(Duration.ofDays(1));
        assertThat(jobs.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(jobs.importMaxBytes()).isEqualTo(1048576);
        assertThat(jobs.importBatchSize()).isEqualTo(1000);
        assertThat(ConfigReader.read(ConfigSource.of(Map.of("REDIS_URI", "redis://cache.example:6379")))
                .jobsRedisUri()).contains(java.net.URI.create("redis://cache.example:6379"));
    }

    @Test
    void badJobSettingsAreNamed() {
        ConfigSource source = ConfigSource.of(Map.of(
                "JOBS_REDIS_URI", "http://user:hunter2@queue",
                "JOBS_CONCURRENCY", "0",
                "JOBS_VISIBILITY_TIMEOUT", "100ms",
                "JOBS_RETRY_BASE_DELAY", "10m",
                "JOBS_RETRY_MAX_DELAY", "1m",
                "JOBS_RUN_IN_APP", "maybe"));

        assertThatThrownBy(() -> ConfigReader.read(source))
                .hasMessageContaining("JOBS_REDIS_URI")
                .hasMessageContaining("JOBS_CONCURRENCY")
                .hasMessageContaining("JOBS_VISIBILITY_TIMEOUT")
                .hasMessageContaining("JOBS_RETRY_MAX_DELAY")
                .hasMessageContaining("JOBS_RUN_IN_APP")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void everyAuthKeyHasTheDocumentedDefault() {
        AuthSettings auth = ConfigReader.read(ConfigSource.of(Map.of())).auth();

        assertThat(auth.hashMemoryKib()).isEqualTo(19_456);
        assertThat(auth.hashIterations()).isEqualTo(2);
        assertThat(auth.hashParallelism()).isEqualTo(1);
        assertThat(auth.hashConcurrency()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(auth.hashWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(auth.loginFailuresPerAccount()).isEqualTo(5);
        assertThat(auth.loginFailuresPerAddress()).isEqualTo(20);
        assertThat(auth.loginWindow()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void everyAuthKeyIsReadUnderItsOwnName() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of(
                "AUTH_HASH_MEMORY_KIB", "65536",
                "AUTH_HASH_ITERATIONS", "3",
                "AUTH_HASH_PARALLELISM", "4",
                "AUTH_HASH_CONCURRENCY", "6",
                "AUTH_HASH_WAIT", "0",
                "AUTH_LOGIN_FAILURES_PER_ACCOUNT", "10",
                "AUTH_LOGIN_FAILURES_PER_ADDRESS", "100",
                "AUTH_LOGIN_WINDOW", "1h")));
        AuthSettings auth = config.auth();

        assertThat(auth.hashMemoryKib()).isEqualTo(65_536);
        assertThat(auth.hashIterations()).isEqualTo(3);
        assertThat(auth.hashParallelism()).isEqualTo(4);
        assertThat(auth.hashConcurrency()).isEqualTo(6);
        assertThat(auth.hashWait()).as("a bare 0 refuses at once when every slot is busy").isZero();
        assertThat(auth.loginFailuresPerAccount()).isEqualTo(10);
        assertThat(auth.loginFailuresPerAddress()).isEqualTo(100);
        assertThat(auth.loginWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.describe()).containsEntry("AUTH_HASH_MEMORY_KIB", "65536")
                .containsEntry("AUTH_LOGIN_WINDOW", "PT1H");
    }

    @Test
    void badAuthSettingsAreNamed() {
        ConfigSource source = ConfigSource.of(Map.of(
                "AUTH_HASH_MEMORY_KIB", "512",
                "AUTH_HASH_ITERATIONS", "0",
                "AUTH_HASH_PARALLELISM", "17",
                "AUTH_HASH_CONCURRENCY", "none",
                "AUTH_HASH_WAIT", "1m",
                "AUTH_LOGIN_FAILURES_PER_ACCOUNT", "0",
                "AUTH_LOGIN_FAILURES_PER_ADDRESS", "-1",
                "AUTH_LOGIN_WINDOW", "500ms"));

        assertThatThrownBy(() -> ConfigReader.read(source))
                .hasMessageContaining("AUTH_HASH_MEMORY_KIB is invalid (must be between 1024 and 1048576)")
                .hasMessageContaining("AUTH_HASH_ITERATIONS")
                .hasMessageContaining("AUTH_HASH_PARALLELISM")
                .hasMessageContaining("AUTH_HASH_CONCURRENCY")
                .hasMessageContaining("AUTH_HASH_WAIT is invalid (must be between 0ms and 10000ms)")
                .hasMessageContaining("AUTH_LOGIN_FAILURES_PER_ACCOUNT")
                .hasMessageContaining("AUTH_LOGIN_FAILURES_PER_ADDRESS")
                .hasMessageContaining("AUTH_LOGIN_WINDOW");
    }

    @Test
    void everyKeyIsReadUnderItsOwnName() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of(
                "MONGODB_URI", "mongodb://db.example:27018/tasks",
                "MONGODB_TIMEOUT", "2s",
                "MONGODB_MAX_POOL_SIZE", "20",
                "MONGODB_QUERY_TIMEOUT", "750ms",
                "TODO_MAX_CONTENT_LENGTH", "280",
                "HTTP_MAX_BODY_BYTES", "4096",
                "IDEMPOTENCY_KEY_TTL", "PT1H",
                "DEV_STORE_DIR", "/var/lib/todo",
                "DEV_SERVICES", "true")));

        assertThat(config.mongodbUri().getHosts()).containsExactly("db.example:27018");
        assertThat(config.mongodbUriGiven()).isTrue();
        assertThat(config.mongodbDatabase()).isEqualTo("tasks");
        assertThat(config.mongodbTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.mongodbMaxPoolSize()).isEqualTo(20);
        assertThat(config.mongodbQueryTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.todoMaxContentLength()).isEqualTo(280);
        assertThat(config.httpMaxBodyBytes()).isEqualTo(4096);
        assertThat(config.idempotencyKeyTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.devStoreDir()).isEqualTo(Path.of("/var/lib/todo"));
        assertThat(config.devServices()).isTrue();
    }

    @Test
    void theSessionLifetimeIsReadUnderItsOwnNameAndNotBoundedByTheTokenLifetime() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of("AUTH_TOKEN_TTL", "1d", "AUTH_SESSION_TTL", "90d")));

        assertThat(config.authSessionTtl()).isEqualTo(Duration.ofDays(90));
        assertThat(config.describe()).containsEntry("AUTH_SESSION_TTL", "PT2160H");
        assertThatThrownBy(() -> ConfigReader.read(ConfigSource.of(Map.of("AUTH_SESSION_TTL", "0s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTH_SESSION_TTL is invalid");
    }

    @Test
    void aUriWithoutDatabaseUsesTheTodoDatabase() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of("MONGODB_URI", "mongodb://db.example")));

        assertThat(config.mongodbDatabase()).isEqualTo("todo");
    }

    @Test
    void contextParametersWinOverSystemPropertiesWhichWinOverTheEnvironment() {
        ConfigSource context = ConfigSource.of(Map.of("MONGODB_TIMEOUT", "1s"));
        ConfigSource properties = ConfigSource.of(Map.of("MONGODB_TIMEOUT", "2s", "MONGODB_MAX_POOL_SIZE", "7"));
        ConfigSource environment = ConfigSource.of(Map.of("MONGODB_TIMEOUT", "3s", "MONGODB_MAX_POOL_SIZE", "8",
                "TODO_MAX_CONTENT_LENGTH", "9"));

        Config config = ConfigReader.read(ConfigSource.firstOf(List.of(context, properties, environment)));

        assertThat(config.mongodbTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.mongodbMaxPoolSize()).isEqualTo(7);
        assertThat(config.todoMaxContentLength()).isEqualTo(9);
    }

    @Test
    void aBlankValueCountsAsUnset() {
        ConfigSource blank = ConfigSource.of(Map.of("MONGODB_TIMEOUT", "  "));
        ConfigSource environment = ConfigSource.of(Map.of("MONGODB_TIMEOUT", "3s"));

        Config config = ConfigReader.read(ConfigSource.firstOf(List.of(blank, environment)));

        assertThat(config.mongodbTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void startupFailsNamingEveryInvalidKeyAtOnce() {
        ConfigSource source = ConfigSource.of(Map.of(
                "MONGODB_TIMEOUT", "soon",
                "MONGODB_MAX_POOL_SIZE", "0",
                "MONGODB_QUERY_TIMEOUT", "1m",
                "HTTP_MAX_BODY_BYTES", "lots",
                "IDEMPOTENCY_KEY_TTL", "-PT1S"));

        assertThatThrownBy(() -> ConfigReader.read(source))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MONGODB_TIMEOUT")
                .hasMessageContaining("MONGODB_MAX_POOL_SIZE")
                .hasMessageContaining("MONGODB_QUERY_TIMEOUT")
                .hasMessageContaining("HTTP_MAX_BODY_BYTES")
                .hasMessageContaining("IDEMPOTENCY_KEY_TTL")
                .hasMessageNotContaining("TODO_MAX_CONTENT_LENGTH");
    }

    @Test
    void anInvalidUriIsReportedWithoutEchoingItsPassword() {
        ConfigSource source = ConfigSource.of(Map.of("MONGODB_URI", "postgres://admin:s3cret@db/todo"));

        assertThatThrownBy(() -> ConfigReader.read(source))
                .hasMessageContaining("MONGODB_URI")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void theLoggedDescriptionMasksThePassword() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of(
                "MONGODB_URI", "mongodb://app:s3cret@db.example:27017/todo?authSource=admin")));

        assertThat(config.describe().get("MONGODB_URI"))
                .isEqualTo("mongodb://app:****@db.example:27017/todo?authSource=admin");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void aShortMetricsTokenIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> ConfigReader.read(ConfigSource.of(Map.of("METRICS_TOKEN", "guessable"))))
                .hasMessageContaining("METRICS_TOKEN")
                .hasMessageNotContaining("guessable");
        Config config = ConfigReader.read(ConfigSource.of(Map.of("METRICS_TOKEN", "0123456789abcdef-long")));
        assertThat(config.metricsToken()).contains("0123456789abcdef-long");
        assertThat(config.toString()).doesNotContain("0123456789abcdef-long");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(ConfigReader.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigReader.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigReader.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigReader.duration("PT2S")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anyCorsOriginOnlyUnderTheDevelopmentSwitchAndNamedOriginsAlways() {
        assertThat(ConfigReader.read(ConfigSource.of(Map.of("AUTH_ANONYMOUS", "true"))).corsAllowedOrigins())
                .containsExactly("*");
        assertThat(ConfigReader.read(ConfigSource.of(Map.of("CORS_ALLOWED_ORIGINS",
                "https://todo.example.org, http://localhost:5173"))).corsAllowedOrigins())
                .containsExactly("https://todo.example.org", "http://localhost:5173");
        assertThatThrownBy(() -> ConfigReader.read(ConfigSource.of(Map.of("CORS_ALLOWED_ORIGINS", "*"))))
                .hasMessageContaining("CORS_ALLOWED_ORIGINS is invalid (* is for development");
        assertThatThrownBy(() -> ConfigReader.read(ConfigSource.of(Map.of("CORS_ALLOWED_ORIGINS",
                "https://todo.example.org/app"))))
                .hasMessageContaining("CORS_ALLOWED_ORIGINS is invalid (expected origins");
    }

    @Test
    void linksComeFromThePublicBaseUrlOrAnAllowedHost() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of("PUBLIC_BASE_URL", "https://todo.example.org/api",
                "ALLOWED_HOSTS", "Todo.Example.org, api.example.org")));
        assertThat(config.publicBaseUrl()).contains(java.net.URI.create("https://todo.example.org/api/"));
        assertThat(config.allowedHosts()).containsExactlyInAnyOrder("todo.example.org", "api.example.org");
        assertThat(ConfigReader.read(ConfigSource.of(Map.of("AUTH_ANONYMOUS", "true"))).allowedHosts())
                .containsExactly("*");
        assertThatThrownBy(() -> ConfigReader.read(ConfigSource.of(Map.of("PUBLIC_BASE_URL", "todo.example.org"))))
                .hasMessageContaining("PUBLIC_BASE_URL is invalid");
    }

    @Test
    void eventStreamsPerOwnerAreBoundedByDefaultAndMayBeUnbounded() {
        assertThat(ConfigReader.read(ConfigSource.of(Map.of())).limits().maxEventStreams()).isEqualTo(20);
        assertThat(ConfigReader.read(ConfigSource.of(Map.of("EVENTS_MAX_STREAMS_PER_OWNER", "0"))).limits()
                .maxEventStreams()).isZero();
        assertThat(ConfigReader.read(ConfigSource.of(Map.of())).describe())
                .containsEntry("EVENTS_MAX_STREAMS_PER_OWNER", "20");
        assertThatThrownBy(() -> ConfigReader.read(ConfigSource.of(Map.of("EVENTS_MAX_STREAMS_PER_OWNER", "-1"))))
                .hasMessageContaining("EVENTS_MAX_STREAMS_PER_OWNER is invalid");
    }
}
