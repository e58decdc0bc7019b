package todoservice.config;

import com.mongodb.ConnectionString;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import todoservice.redis.RedisAddress;

/** Reads {@link Config} from a {@link ConfigSource}, collecting every invalid key before it fails. */
public final class ConfigReader {

    public static final String MONGODB_URI = "MONGODB_URI";
    public static final String MONGODB_TIMEOUT = "MONGODB_TIMEOUT";
    public static final String MONGODB_MAX_POOL_SIZE = "MONGODB_MAX_POOL_SIZE";
    public static final String MONGODB_QUERY_TIMEOUT = "MONGODB_QUERY_TIMEOUT";
    public static final String TODO_MAX_CONTENT_LENGTH = "TODO_MAX_CONTENT_LENGTH";
    public static final String HTTP_MAX_BODY_BYTES = "HTTP_MAX_BODY_BYTES";
    public static final String IDEMPOTENCY_KEY_TTL = "IDEMPOTENCY_KEY_TTL";
    public static final String DEV_STORE_DIR = "DEV_STORE_DIR";
    public static final String DEV_SERVICES = "DEV_SERVICES";
    public static final String METRICS_TOKEN = "METRICS_TOKEN";
    public static final String AUTH_ANONYMOUS = "AUTH_ANONYMOUS";
    public static final String AUTH_TOKEN_TTL = "AUTH_TOKEN_TTL";
    public static final String AUTH_SESSION_TTL = "AUTH_SESSION_TTL";
    public static final String CORS_ALLOWED_ORIGINS = "CORS_ALLOWED_ORIGINS";
    public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";
    public static final String ALLOWED_HOSTS = "ALLOWED_HOSTS";
    public static final String CACHE_MODE = "CACHE_MODE";
    public static final String REDIS_URI = "REDIS_URI";
    public static final String REDIS_TIMEOUT = "REDIS_TIMEOUT";
    public static final String REDIS_POOL_SIZE = "REDIS_POOL_SIZE";
    public static final String REDIS_BREAKER_OPEN = "REDIS_BREAKER_OPEN";
    public static final String CACHE_L1_MAX_BYTES = "CACHE_L1_MAX_BYTES";
    public static final String CACHE_L1_TTL = "CACHE_L1_TTL";
    public static final String CACHE_L2_FRESH_TTL = "CACHE_L2_FRESH_TTL";
    public static final String CACHE_L2_STALE_TTL = "CACHE_L2_STALE_TTL";
    public static final String CACHE_NEGATIVE_TTL = "CACHE_NEGATIVE_TTL";
    public static final String CACHE_LEASE_TTL = "CACHE_LEASE_TTL";
    public static final String CACHE_LEASE_WAIT = "CACHE_LEASE_WAIT";
    public static final String CACHE_GENERATION_REUSE = "CACHE_GENERATION_REUSE";
    public static final String CACHE_TTL_JITTER = "CACHE_TTL_JITTER";
    public static final String JOBS_REDIS_URI = "JOBS_REDIS_URI";
    public static final String JOBS_RUN_IN_APP = "JOBS_RUN_IN_APP";
    public static final String JOBS_CONCURRENCY = "JOBS_CONCURRENCY";
    public static final String JOBS_VISIBILITY_TIMEOUT = "JOBS_VISIBILITY_TIMEOUT";
    public static final String JOBS_MAX_ATTEMPTS = "JOBS_MAX_ATTEMPTS";
    public static final String JOBS_RETRY_BASE_DELAY = "JOBS_RETRY_BASE_DELAY";
    public static final String JOBS_RETRY_MAX_DELAY = "JOBS_RETRY_MAX_DELAY";
    public static final String JOBS_RETENTION = "JOBS_RETENTION";
    public static final String JOBS_SHUTDOWN_GRACE = "JOBS_SHUTDOWN_GRACE";
    public static final String JOBS_IMPORT_MAX_BYTES = "JOBS_IMPORT_MAX_BYTES";
    public static final String JOBS_IMPORT_BATCH_SIZE = "JOBS_IMPORT_BATCH_SIZE";
    public static final String AUTH_HASH_MEMORY_KIB = "AUTH_HASH_MEMORY_KIB";
    public static final String AUTH_HASH_ITERATIONS = "AUTH_HASH_ITERATIONS";
    public static final String AUTH_HASH_PARALLELISM = "AUTH_HASH_PARALLELISM";
    public static final String AUTH_HASH_CONCURRENCY = "AUTH_HASH_CONCURRENCY";
    public static final String AUTH_HASH_WAIT = "AUTH_HASH_WAIT";
    public static final String AUTH_LOGIN_FAILURES_PER_ACCOUNT = "AUTH_LOGIN_FAILURES_PER_ACCOUNT";
    public static final String AUTH_LOGIN_FAILURES_PER_ADDRESS = "AUTH_LOGIN_FAILURES_PER_ADDRESS";
    public static final String AUTH_LOGIN_WINDOW = "AUTH_LOGIN_WINDOW";
    public static final String AUTH_LOGIN_REFUSAL_DELAY = "AUTH_LOGIN_REFUSAL_DELAY";
    public static final String RATE_LIMIT_REQUESTS = "RATE_LIMIT_REQUESTS";
    public static final String RATE_LIMIT_WINDOW = "RATE_LIMIT_WINDOW";
    public static final String QUOTA_TODOS = "QUOTA_TODOS";
    public static final String QUOTA_JOB_FILES = "QUOTA_JOB_FILES";
    public static final String QUOTA_QUEUED_JOBS = "QUOTA_QUEUED_JOBS";
    public static final String EVENTS_MAX_STREAMS_PER_OWNER = "EVENTS_MAX_STREAMS_PER_OWNER";

    public static final String DEFAULT_MONGODB_URI = "mongodb://127.0.0.1:27017/todo";

    /** RFC 6454 serialised origin: scheme, host, optional port, nothing after. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final ConfigSource source;
    private final List<String> problems = new ArrayList<>();

    private ConfigReader(ConfigSource source) {
        this.source = source;
    }

    public static Config read(ConfigSource source) {
        return new ConfigReader(source).read();
    }

    private Config read() {
        Optional<String> givenUri = source.get(MONGODB_URI);
        boolean authAnonymous = value(AUTH_ANONYMOUS, "false", ConfigReader::bool);
        Config config = new Config(
                value(MONGODB_URI, DEFAULT_MONGODB_URI, ConfigReader::mongoUri),
                givenUri.isPresent(),
                value(MONGODB_TIMEOUT, "1500ms", text -> positive(duration(text))),
                value(MONGODB_MAX_POOL_SIZE, "100", text -> range(text, 1, 10_000)),
                // Sent as maxTimeMS: past it the server gives up the query. Below the socket read timeout (at
                // least 10 s), or the client gives up first and the server goes on working.
                value(MONGODB_QUERY_TIMEOUT, "2s", text -> between(duration(text), Duration.ofMillis(1),
                        Duration.ofSeconds(10))),
                value(TODO_MAX_CONTENT_LENGTH, "1000", text -> range(text, 1, 100_000)),
                value(HTTP_MAX_BODY_BYTES, "65536", text -> range(text, 1024, 64 * 1024 * 1024)),
                value(IDEMPOTENCY_KEY_TTL, "24h", text -> positive(duration(text))),
                value(DEV_STORE_DIR, "data", Path::of),
                value(DEV_SERVICES, "false", ConfigReader::bool),
                optionalValue(METRICS_TOKEN, ConfigReader::secret),
                authAnonymous,
                value(AUTH_TOKEN_TTL, "30d", text -> positive(duration(text))),
                // The web page's session (a cookie holding a token of its own); AUTH_TOKEN_TTL does not bound it.
                value(AUTH_SESSION_TTL, "7d", text -> positive(duration(text))),
                corsAllowedOrigins(authAnonymous),
                optionalValue(PUBLIC_BASE_URL, ConfigReader::publicBaseUrl),
                value(ALLOWED_HOSTS, authAnonymous ? "*" : "localhost,127.0.0.1,::1", ConfigReader::hosts),
                cache(),
                jobs(),
                auth(),
                limits());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private CacheSettings cache() {
        CacheSettings cache = new CacheSettings(
                value(CACHE_MODE, "l1+l2", CacheMode::parse),
                optionalValue(REDIS_URI, ConfigReader::redisUri),
                value(REDIS_TIMEOUT, "250ms", text -> positive(duration(text))),
                value(REDIS_POOL_SIZE, "64", text -> range(text, 1, 10_000)),
                value(REDIS_BREAKER_OPEN, "1s", text -> positive(duration(text))),
                value(CACHE_L1_MAX_BYTES, "67108864", text -> (long) range(text, 0, Integer.MAX_VALUE)),
                value(CACHE_L1_TTL, "5s", text -> positive(duration(text))),
                value(CACHE_L2_FRESH_TTL, "60s", text -> positive(duration(text))),
                value(CACHE_L2_STALE_TTL, "1h", text -> positive(duration(text))),
                value(CACHE_NEGATIVE_TTL, "10s", text -> positive(duration(text))),
                value(CACHE_LEASE_TTL, "2s", text -> positive(duration(text))),
                value(CACHE_LEASE_WAIT, "500ms", text -> positive(duration(text))),
                // Every write waits this long before its answer, hence the bound.
                value(CACHE_GENERATION_REUSE, "5ms", text -> between(duration(text), Duration.ZERO,
                        Duration.ofSeconds(1))),
                value(CACHE_TTL_JITTER, "0.1", ConfigReader::fraction));
        if (cache.l2StaleTtl().compareTo(cache.l2FreshTtl()) < 0) {
            problems.add(CACHE_L2_STALE_TTL + " is invalid (must not be shorter than " + CACHE_L2_FRESH_TTL + ")");
        }
        return cache;
    }

    private JobSettings jobs() {
        JobSettings jobs = new JobSettings(
                optionalValue(JOBS_REDIS_URI, ConfigReader::redisUri),
                value(JOBS_RUN_IN_APP, "true", ConfigReader::bool),
                value(JOBS_CONCURRENCY, "2", text -> range(text, 1, 256)),
                value(JOBS_VISIBILITY_TIMEOUT, "30s", text -> atLeast(duration(text), Duration.ofMillis(300))),
                value(JOBS_MAX_ATTEMPTS, "5", text -> range(text, 1, 100)),
                value(JOBS_RETRY_BASE_DELAY, "1s", text -> positive(duration(text))),
                value(JOBS_RETRY_MAX_DELAY, "5m", text -> positive(duration(text))),
                value(JOBS_RETENTION, "7d", text -> atLeast(duration(text), Duration.ofMinutes(1))),
                value(JOBS_SHUTDOWN_GRACE, "20s", text -> positive(duration(text))),
                value(JOBS_IMPORT_MAX_BYTES, "52428800", text -> (long) range(text, 1024, Integer.MAX_VALUE)),
                value(JOBS_IMPORT_BATCH_SIZE, "500", text -> range(text, 1, 10_000)));
        if (jobs.retryMaxDelay().compareTo(jobs.retryBaseDelay()) < 0) {
            problems.add(JOBS_RETRY_MAX_DELAY + " is invalid (must not be shorter than " + JOBS_RETRY_BASE_DELAY + ")");
        }
        return jobs;
    }

    /** Any origin only under the development switch: with accounts, pages that may call the API are named. */
    private List<String> corsAllowedOrigins(boolean authAnonymous) {
        List<String> origins = optionalValue(CORS_ALLOWED_ORIGINS, ConfigReader::origins)
                .orElse(authAnonymous ? List.of("*") : List.of());
        if (origins.contains("*") && !authAnonymous) {
            problems.add(CORS_ALLOWED_ORIGINS + " is invalid (* is for development, with AUTH_ANONYMOUS=true; list"
                    + " the origins of the pages that call the API)");
            return List.of();
        }
        return origins;
    }

    private static java.net.URI publicBaseUrl(String text) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(text.endsWith("/") ? text : text + "/");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("expected https://host[:port][/path]");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("expected https://host[:port][/path]");
        }
        return uri;
    }

    private static Set<String> hosts(String text) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String host : text.split(",")) {
            String name = host.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                hosts.add(name);
            }
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("expected host names such as todo.example.org, comma-separated, or *");
        }
        return Set.copyOf(hosts);
    }

    private static List<String> origins(String text) {
        List<String> origins = new ArrayList<>();
        for (String origin : text.split(",")) {
            String trimmed = origin.strip();
            if (!trimmed.isEmpty() && !trimmed.equals("*") && !ORIGIN.matcher(trimmed).matches()) {
                throw new IllegalArgumentException(
                        "expected origins such as https://todo.example.org, comma-separated");
            }
            if (!trimmed.isEmpty()) {
                origins.add(trimmed);
            }
        }
        return List.copyOf(origins);
    }

    private AuthSettings auth() {
        // Argon2 needs 8 KiB per lane: the least memory allowed covers the most lanes allowed.
        return new AuthSettings(
                // OWASP's first Argon2id choice for a server: 19 MiB, 2 passes, 1 lane.
                value(AUTH_HASH_MEMORY_KIB, "19456", text -> range(text, 1024, AuthSettings.MAX_HASH_MEMORY_KIB)),
                value(AUTH_HASH_ITERATIONS, "2", text -> range(text, 1, AuthSettings.MAX_HASH_ITERATIONS)),
                value(AUTH_HASH_PARALLELISM, "1", text -> range(text, 1, AuthSettings.MAX_HASH_PARALLELISM)),
                // Half the cores (at least one): a login flood then leaves the other half to everyone else's
                // requests, and holds at most that many hashes' memory.
                value(AUTH_HASH_CONCURRENCY, Integer.toString(defaultHashConcurrency()),
                        text -> range(text, 1, 1024)),
                value(AUTH_HASH_WAIT, "2s", text -> between(duration(text), Duration.ZERO, Duration.ofSeconds(10))),
                value(AUTH_LOGIN_FAILURES_PER_ACCOUNT, "5", text -> range(text, 1, 1000)),
                value(AUTH_LOGIN_FAILURES_PER_ADDRESS, "20", text -> range(text, 1, 100_000)),
                value(AUTH_LOGIN_WINDOW, "15m", text -> between(duration(text), Duration.ofSeconds(1),
                        Duration.ofDays(1))),
                // A guessing script that retries at once makes one attempt a second per connection, not thousands.
                value(AUTH_LOGIN_REFUSAL_DELAY, "1s", text -> between(duration(text), Duration.ZERO,
                        Duration.ofSeconds(10))));
    }

    private LimitSettings limits() {
        return new LimitSettings(
                // 20 a second on average: far more than a person's page and scripts make, few enough that one
                // account cannot take a node's capacity from the others.
                value(RATE_LIMIT_REQUESTS, "1200", text -> range(text, 0, Integer.MAX_VALUE)),
                value(RATE_LIMIT_WINDOW, "1m", text -> between(duration(text), Duration.ofSeconds(1),
                        Duration.ofDays(1))),
                value(QUOTA_TODOS, "10000", text -> range(text, 0, Integer.MAX_VALUE)),
                value(QUOTA_JOB_FILES, "100", text -> range(text, 0, Integer.MAX_VALUE)),
                value(QUOTA_QUEUED_JOBS, "10", text -> range(text, 0, 10_000)),
                // A person's open tabs and devices, with room to spare; each stream holds a connection and a little
                // memory on the node until it ends.
                value(EVENTS_MAX_STREAMS_PER_OWNER, "20", text -> range(text, 0, 10_000)));
    }

    static int defaultHashConcurrency() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    private <T> T value(String key, String defaultValue, Function<String, T> parse) {
        return optionalValue(key, parse).orElseGet(() -> parse.apply(defaultValue));
    }

    private <T> Optional<T> optionalValue(String key, Function<String, T> parse) {
        Optional<String> text = source.get(key).map(String::strip);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(text.get()));
        } catch (RuntimeException e) {
            // The value is not echoed: the key might hold a secret (a URI with a password).
            problems.add(key + " is invalid (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private static ConnectionString mongoUri(String text) {
        if (!text.startsWith("mongodb://") && !text.startsWith("mongodb+srv://")) {
            throw new IllegalArgumentException("expected mongodb://host[:port]/database");
        }
        try {
            return new ConnectionString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a MongoDB connection string");
        }
    }

    /** Checked here, so a malformed address stops the start instead of the first Redis call. */
    private static java.net.URI redisUri(String text) {
        RedisAddress.parse(text);
        return java.net.URI.create(text);
    }

    private static String secret(String text) {
        if (text.length() < 16) {
            throw new IllegalArgumentException("must be at least 16 characters");
        }
        return text;
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    private static double fraction(String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a fraction such as 0.1");
        }
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("must be at least 0 and below 1");
        }
        return value;
    }

    /** Accepts "250ms", "2s", "5m", "24h", "7d", ISO-8601 ("PT2S") and a bare "0", which needs no unit. */
    static Duration duration(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher simple = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a duration such as 1500ms, 2s, 5m, 24h or PT2S");
        }
    }

    private static Duration positive(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be greater than zero");
        }
        return duration;
    }

    private static Duration atLeast(Duration duration, Duration minimum) {
        if (duration.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("must be at least " + minimum.toMillis() + "ms");
        }
        return duration;
    }

    private static Duration between(Duration duration, Duration minimum, Duration maximum) {
        if (duration.compareTo(minimum) < 0 || duration.compareTo(maximum) > 0) {
            throw new IllegalArgumentException("must be between " + minimum.toMillis() + "ms and "
                    + maximum.toMillis() + "ms");
        }
        return duration;
    }

    private static int range(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
        return value;
    }
}
