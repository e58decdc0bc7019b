package todoservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import todoservice.cache.CacheNames;
import todoservice.cache.CircuitBreaker;
import todoservice.cache.InvalidationSubscriber;
import todoservice.cache.MonotonicTime;
import todoservice.cache.RedisTier;
import todoservice.cache.SharedTier;
import todoservice.cache.Sleeper;
import todoservice.cache.TwoTierCache;
import todoservice.config.CacheSettings;
import todoservice.config.Config;
import todoservice.jobs.ClearTodosJob;
import todoservice.jobs.ExportTodosJob;
import todoservice.jobs.ImportTodosJob;
import todoservice.jobs.JobFiles;
import todoservice.jobs.JobHandler;
import todoservice.jobs.JobQueue;
import todoservice.jobs.JobRedis;
import todoservice.jobs.Backoff;
import todoservice.jobs.JobDeliveries;
import todoservice.jobs.Worker;
import todoservice.mongo.IndexSetup;
import todoservice.mongo.MongoClients;
import todoservice.mongo.MongoErrors;
import todoservice.ops.DaemonThreads;
import todoservice.ops.OpenedResources;
import todoservice.todo.InvalidatingTodoStore;
import todoservice.todo.MongoIdempotencyKeys;
import todoservice.todo.MongoTodoStore;
import todoservice.todo.TodoReadCache;
import todoservice.todo.TodoService;
import todoservice.todo.TodoStore;
import todoservice.web.JsonMapper;

/**
 * What the web application and a worker process share, built with plain constructors: MongoDB and its stores, the
 * two-tier cache (a worker's bulk writes invalidate it like a node's), the job queue and the job handlers. Closes
 * what it opened in reverse order.
 */
public final class Backend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Backend.class);
    private static final Duration INDEX_RETRY = Duration.ofSeconds(5);
    /** Connections to the queue's Redis: request threads enqueue, a worker's poller and heartbeat use a few. */
    private static final int JOBS_REDIS_POOL = 32;

    private final OpenedResources opened = new OpenedResources();
    final Config config;
    final Clock clock = Clock.systemUTC();
    final MeterRegistry registry;
    final MongoDatabase database;
    final MongoTodoStore store;
    final MongoIdempotencyKeys idempotencyKeys;
    final IndexSetup indexes;
    final JsonMapper json = new JsonMapper();
    final TwoTierCache cache;
    final TodoService todos;
    final JobFiles files;
    final Optional<RedisClient> jobsRedis;
    final Optional<JobQueue> queue;
    final List<JobHandler> handlers;
    private RedisTier redis;

    Backend(Config config, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        try {
            MongoClient mongo = open(MongoClients.create(config, registry));
            database = mongo.getDatabase(config.mongodbDatabase());
            log.info("Store: MongoDB at {}, database \"{}\"", config.describe().get("MONGODB_URI"),
                    config.mongodbDatabase());
            store = new MongoTodoStore(database);
            idempotencyKeys = new MongoIdempotencyKeys(database, config.idempotencyKeyTtl());
            indexes = open(new IndexSetup(() -> {
                store.createIndexes();
                idempotencyKeys.createIndexes();
            }, INDEX_RETRY));
            cache = cache(config.cache());
            TodoStore invalidating = new InvalidatingTodoStore(store, owner -> cache.ownerChanged(owner.id()));
            todos = new TodoService(invalidating, idempotencyKeys, clock, config.todoMaxContentLength());
            files = new JobFiles(database);
            jobsRedis = config.jobsRedisUri().map(uri -> open(JobRedis.connect(uri, JOBS_REDIS_POOL)));
            queue = jobsRedis.map(client -> new JobQueue(client, config.jobs(), clock));
            if (queue.isEmpty()) {
                log.warn("Jobs: no JOBS_REDIS_URI or REDIS_URI, so imports, exports and bulk deletes answer 503");
            }
            ObjectMapper mapper = json.mapper();
            handlers = List.of(
                    new ImportTodosJob(invalidating, todos, files, mapper, config.jobs().importBatchSize()),
                    new ExportTodosJob(store, files),
                    new ClearTodosJob(invalidating));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private TwoTierCache cache(CacheSettings settings) {
        CacheNames names = TodoReadCache.NAMES;
        if (settings.mode().usesL2() && settings.redisUri().isPresent()) {
            ScheduledExecutorService prober =
                    Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("todo-redis-probe"));
            open(prober::shutdownNow);
            redis = open(new RedisTier(settings, new CircuitBreaker(clock, settings.redisBreakerOpen()), prober));
            Gauge.builder(names.meter("redis.breaker.state"), redis, tier -> tier.breakerState().ordinal())
                    .description("0 closed (Redis in use), 1 open (Redis skipped), 2 half-open (probing)")
                    .register(registry);
        }
        ExecutorService refresher = Executors.newFixedThreadPool(2, DaemonThreads.named("todo-cache-refresh"));
        open(refresher::shutdownNow);
        // Its own thread: a renewal must not queue behind a refresh's database load.
        ExecutorService renewals = Executors.newSingleThreadExecutor(DaemonThreads.named("todo-cache-generations"));
        open(renewals::shutdownNow);
        TwoTierCache built = new TwoTierCache(names, settings, redis == null ? SharedTier.NONE : redis, clock,
                MonotonicTime.SYSTEM, () -> ThreadLocalRandom.current().nextDouble(), refresher, renewals,
                MongoErrors::isUnavailable, registry);
        if (redis != null) {
            open(new InvalidationSubscriber(redis, names, built::invalidationReceived, built::afterOutage,
                    DaemonThreads.named("todo-cache-invalidations"), Sleeper.SYSTEM));
            every("todo-cache-replay", Duration.ofSeconds(1), built::replayInvalidations);
        }
        if (!settings.mode().usesL2()) {
            log.info("Cache: off (CACHE_MODE=off)");
        } else if (redis == null) {
            log.info("Cache: L1 only, in this node's memory: REDIS_URI is not set, so writes on other nodes show"
                    + " here after at most CACHE_L1_TTL ({})", settings.l1Ttl());
        } else {
            log.info("Cache: {} with Redis at {}", settings.mode(), settings.describeRedisUri());
        }
        return built;
    }

    Map<String, Object> cacheHealth() {
        if (redis == null) {
            return Map.of("status", "DISABLED");
        }
        boolean up = redis.ping();
        return Map.of("status", up ? "UP" : "DOWN", "breaker", redis.breakerState().name());
    }

    Map<String, Object> jobsHealth() {
        return queue.<Map<String, Object>>map(q -> Map.of("status", q.ping() ? "UP" : "DOWN"))
                .orElse(Map.of("status", "DISABLED"));
    }

    /**
     * Starts a job worker in this process (a worker process's whole purpose, or the app's when JOBS_RUN_IN_APP),
     * and the hourly sweep of job files past their retention. Stopped gracefully on close, before the clients.
     */
    Worker startWorker(List<JobHandler> extraHandlers) {
        RedisClient client = jobsRedis.orElseThrow(() -> new IllegalStateException(
                "A job worker needs Redis: set JOBS_REDIS_URI or REDIS_URI"));
        JobDeliveries deliveries = new JobDeliveries(client, config.jobs(), clock, consumerName());
        List<JobHandler> all = new ArrayList<>(handlers);
        all.addAll(extraHandlers);
        Worker worker = open(new Worker(deliveries, all, config.jobs(),
                new Backoff(config.jobs().retryBaseDelay(), config.jobs().retryMaxDelay(),
                        () -> ThreadLocalRandom.current().nextDouble()), clock));
        worker.start();
        every("todo-jobs-sweep", Duration.ofHours(1), () -> {
            long swept = files.sweep(clock.instant().minus(config.jobs().retention()));
            int forgotten = deliveries.forgetGoneConsumers(Duration.ofHours(1));
            if (swept > 0 || forgotten > 0) {
                log.info("Jobs: deleted {} file(s) older than {}, forgot {} consumer(s) of workers gone for an"
                        + " hour", swept, config.jobs().retention(), forgotten);
            }
        });
        return worker;
    }

    /** host-pid-random: readable in XINFO CONSUMERS, and never the name of a worker that ran before. */
    private static String consumerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** Runs {@code task} every {@code period} on a daemon thread of its own, until close. */
    void every(String name, Duration period, Runnable task) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
        open(timer::shutdownNow);
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", name, e.toString());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    <T extends AutoCloseable> T open(T resource) {
        return opened.open(resource);
    }

    @Override
    public void close() {
        opened.close();
    }
}
