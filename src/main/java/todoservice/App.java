package todoservice;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.micrometer.server.DefaultJerseyTagsProvider;
import org.glassfish.jersey.micrometer.server.MetricsApplicationEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.cache.CircuitBreaker;
import todoservice.cache.InvalidationSubscriber;
import todoservice.cache.RedisTier;
import todoservice.cache.SharedTier;
import todoservice.cache.TwoTierCache;
import todoservice.config.CacheSettings;
import todoservice.config.Config;
import todoservice.mongo.IndexSetup;
import todoservice.mongo.MongoErrors;
import todoservice.mongo.MongoClients;
import todoservice.ops.DaemonThreads;
import todoservice.ops.DevelopmentServices;
import todoservice.ops.HealthResource;
import todoservice.ops.Metrics;
import todoservice.ops.MetricsResource;
import todoservice.todo.InvalidatingTodoStore;
import todoservice.todo.MongoIdempotencyKeys;
import todoservice.todo.MongoTodoStore;
import todoservice.todo.TodoReadCache;
import todoservice.todo.TodoResource;
import todoservice.todo.TodoService;
import todoservice.todo.TodoStore;
import todoservice.todobackend.TodoBackendResource;
import todoservice.web.BodySizeLimitFilter;
import todoservice.web.ContentTypeRequiredFilter;
import todoservice.web.CorsFilter;
import todoservice.web.JsonExceptionMapper;
import todoservice.web.JsonMapper;
import todoservice.web.MongoExceptionMapper;
import todoservice.web.OwnerResolver;
import todoservice.web.RequestIdFilter;
import todoservice.web.TodoExceptionMapper;
import todoservice.web.UnexpectedExceptionMapper;
import todoservice.web.WebApplicationExceptionMapper;

/**
 * The composition root: builds config → clients → stores → services → resources with plain constructors, and
 * closes what it opened in reverse order.
 */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);
    private static final Duration INDEX_RETRY = Duration.ofSeconds(5);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final List<Object> components;
    private RedisTier redis;

    private App(Config config, ClassLoader classLoader) {
        try {
            components = wire(config, classLoader);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts everything; when a step fails, what was already opened is closed again. */
    public static App start(Config config, ClassLoader classLoader) {
        return new App(Objects.requireNonNull(config, "config"), classLoader);
    }

    private List<Object> wire(Config config, ClassLoader classLoader) {
        if (config.devServices()) {
            Optional<DevelopmentServices> services = DevelopmentServices.find(classLoader);
            if (services.isPresent()) {
                config = open(services.get()).start(config);
            } else {
                log.warn("DEV_SERVICES is true but no development services are on the classpath");
            }
        }
        log.info("Starting with {}", config);
        Metrics metrics = open(new Metrics());
        MongoClient mongo = open(MongoClients.create(config, metrics.registry()));
        MongoDatabase database = mongo.getDatabase(config.mongodbDatabase());
        log.info("Store: MongoDB at {}, database \"{}\"", config.describe().get("MONGODB_URI"),
                config.mongodbDatabase());

        MongoTodoStore store = new MongoTodoStore(database);
        MongoIdempotencyKeys keys = new MongoIdempotencyKeys(database, config.idempotencyKeyTtl());
        IndexSetup indexes = open(new IndexSetup(() -> {
            store.createIndexes();
            keys.createIndexes();
        }, INDEX_RETRY));
        indexes.start();

        JsonMapper json = new JsonMapper();
        TwoTierCache cache = cache(config.cache(), metrics.registry());
        TodoStore invalidating = new InvalidatingTodoStore(store, owner -> cache.ownerChanged(owner.id()));
        TodoService todos = new TodoService(invalidating, keys, Clock.systemUTC(), config.todoMaxContentLength());
        OwnerResolver owners = OwnerResolver.ANONYMOUS;
        return List.of(
                new TodoResource(todos, new TodoReadCache(cache, store, json.mapper()), owners),
                new TodoBackendResource(todos, owners),
                new HealthResource(database, indexes, this::cacheHealth),
                new MetricsResource(metrics.registry(), config.metricsToken()),
                json,
                // Without Jackson's own mappers, so JSON errors become problem answers (JsonExceptionMapper).
                JacksonFeature.withoutExceptionMappers(),
                new RequestIdFilter(),
                new CorsFilter(),
                new ContentTypeRequiredFilter(),
                new BodySizeLimitFilter(config.httpMaxBodyBytes()),
                new WebApplicationExceptionMapper(),
                new TodoExceptionMapper(),
                new JsonExceptionMapper(),
                new MongoExceptionMapper(),
                new UnexpectedExceptionMapper(),
                new MetricsApplicationEventListener(metrics.registry(), new DefaultJerseyTagsProvider(),
                        "http.server.requests", true));
    }

    private TwoTierCache cache(CacheSettings settings, MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        if (settings.mode().usesL2() && settings.redisUri().isPresent()) {
            redis = open(new RedisTier(settings, new CircuitBreaker(clock, settings.redisBreakerOpen())));
            Gauge.builder("todo.cache.redis.breaker.state", redis, tier -> tier.breakerState().ordinal())
                    .description("0 closed (Redis in use), 1 open (Redis skipped), 2 half-open (probing)")
                    .register(registry);
        }
        ExecutorService refresher = Executors.newFixedThreadPool(2, DaemonThreads.named("todo-cache-refresh"));
        open(refresher::shutdownNow);
        TwoTierCache cache = new TwoTierCache(settings, redis == null ? SharedTier.NONE : redis, clock,
                () -> ThreadLocalRandom.current().nextDouble(), refresher,
                MongoErrors::isUnavailable, registry);
        if (redis != null) {
            open(new InvalidationSubscriber(redis, cache::invalidationReceived, cache::afterOutage));
            ScheduledExecutorService replays =
                    Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("todo-cache-replay"));
            open(replays::shutdownNow);
            replays.scheduleWithFixedDelay(cache::replayInvalidations, 1, 1, TimeUnit.SECONDS);
        }
        if (!settings.mode().usesL2()) {
            log.info("Cache: off (CACHE_MODE=off)");
        } else if (redis == null) {
            log.info("Cache: L1 only, in this node's memory: REDIS_URI is not set, so writes on other nodes show"
                    + " here after at most CACHE_L1_TTL ({})", settings.l1Ttl());
        } else {
            log.info("Cache: {} with Redis at {}", settings.mode(), settings.describeRedisUri());
        }
        return cache;
    }

    private Map<String, Object> cacheHealth() {
        if (redis == null) {
            return Map.of("status", "DISABLED");
        }
        boolean up = redis.ping();
        return Map.of("status", up ? "UP" : "DOWN", "breaker", redis.breakerState().name());
    }

    /** Resources, providers and listeners to register with Jersey, as instances. */
    public List<Object> components() {
        return components;
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            closeQuietly(opened.pop());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Closing {} failed", resource.getClass().getSimpleName(), e);
        }
    }
}
