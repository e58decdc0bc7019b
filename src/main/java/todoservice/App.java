package todoservice;

import com.github.benmanes.caffeine.cache.Ticker;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import todoservice.accounts.AccountDeletionJob;
import todoservice.accounts.AccountResource;
import todoservice.accounts.AccountService;
import todoservice.accounts.LoginRefusalDelay;
import todoservice.accounts.LoginThrottle;
import todoservice.accounts.MongoAccountStore;
import todoservice.accounts.OwnedData;
import todoservice.accounts.SessionResource;
import todoservice.accounts.TokenResource;
import todoservice.auth.AttemptLimit;
import todoservice.auth.AttemptLimiter;
import todoservice.auth.HashingSlots;
import todoservice.auth.MongoTokenStore;
import todoservice.auth.Owner;
import todoservice.auth.OwnerResolver;
import todoservice.auth.PasswordHasher;
import todoservice.auth.TokenResolver;
import todoservice.cache.CacheNames;
import todoservice.cache.InvalidationSubscriber;
import todoservice.cache.MonotonicTime;
import todoservice.cache.RedisTier;
import todoservice.cache.SharedTier;
import todoservice.cache.TwoTierCache;
import todoservice.config.AuthSettings;
import todoservice.config.CacheSettings;
import todoservice.config.Config;
import todoservice.config.LimitSettings;
import todoservice.jobs.Backoff;
import todoservice.jobs.JobDeliveries;
import todoservice.jobs.JobFiles;
import todoservice.jobs.JobHandler;
import todoservice.jobs.JobMetrics;
import todoservice.jobs.JobQueue;
import todoservice.jobs.JobQueueExceptionMapper;
import todoservice.jobs.JobRedis;
import todoservice.jobs.JobResource;
import todoservice.jobs.JobSubmitter;
import todoservice.jobs.Worker;
import todoservice.limits.Quotas;
import todoservice.limits.RateLimitFilter;
import todoservice.limits.RedisSharedCounts;
import todoservice.limits.RequestRateLimiter;
import todoservice.limits.SharedCounts;
import todoservice.live.ChangeFeed;
import todoservice.live.EventsResource;
import todoservice.mongo.IndexSetup;
import todoservice.mongo.MongoClientFactory;
import todoservice.mongo.MongoErrors;
import todoservice.mongo.MongoExceptionMapper;
import todoservice.mongo.MongoHealth;
import todoservice.mongo.RetryScheduler;
import todoservice.ops.DaemonThreads;
import todoservice.ops.DevelopmentServices;
import todoservice.ops.HealthCheck;
import todoservice.ops.HealthResource;
import todoservice.ops.Metrics;
import todoservice.ops.MetricsResource;
import todoservice.ops.OpenedResources;
import todoservice.ops.OperatorAccess;
import todoservice.ops.RequestMetrics;
import todoservice.ops.ShutdownHook;
import todoservice.ops.Sleeper;
import todoservice.ops.Timers;
import todoservice.redis.CircuitBreaker;
import todoservice.redis.RedisEndpoint;
import todoservice.todo.InvalidatingTodoStore;
import todoservice.todo.MongoIdempotencyKeys;
import todoservice.todo.MongoTodoStore;
import todoservice.todo.TodoExceptionMapper;
import todoservice.todo.TodoReadCache;
import todoservice.todo.TodoResource;
import todoservice.todo.TodoService;
import todoservice.todo.TodoStore;
import todoservice.todo.transfer.ClearTodosJob;
import todoservice.todo.transfer.ExportResource;
import todoservice.todo.transfer.ExportTodosJob;
import todoservice.todo.transfer.ImportResource;
import todoservice.todo.transfer.ImportTodosJob;
import todoservice.todo.transfer.MarkTodosJob;
import todoservice.todo.transfer.TodoBulkJobs;
import todoservice.todobackend.TodoBackendResource;
import todoservice.web.ApiExceptionMapper;
import todoservice.web.BodySizeLimitFilter;
import todoservice.web.ContentTypeRequiredFilter;
import todoservice.web.CsrfRefusalFilter;
import todoservice.web.HeaderSyntaxFilter;
import todoservice.web.JsonExceptionMapper;
import todoservice.web.ObjectMapperProvider;
import todoservice.web.PageResource;
import todoservice.web.PublicLinksFilter;
import todoservice.web.SessionCookie;
import todoservice.web.UnexpectedExceptionMapper;
import todoservice.web.WebApplicationExceptionMapper;

/**
 * The composition root: builds config → clients → stores → caches → services → resources with plain constructors,
 * for a web node ({@link #forWeb}) or a job worker process ({@link #forWorker}), and closes what it opened in
 * reverse order. Both build the same stores, cache and queue: a worker's bulk writes invalidate the cache like a
 * node's.
 */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);
    private static final Duration INDEX_RETRY = Duration.ofSeconds(5);
    private static final Duration JOB_METRICS_EVERY = Duration.ofSeconds(5);
    /** Connections to the queue's Redis: request threads enqueue, a worker's poller and heartbeat use a few. */
    private static final int JOBS_REDIS_POOL = 32;
    /** Connections to Redis for the limits: a login makes one or two calls, the rate limit one every 100 ms. */
    private static final int LIMITS_REDIS_POOL = 8;
    private static final String AUTH_KEY_PREFIX = "todo:auth:";
    /** Often enough for proxies (nginx waits an hour) and to find dead clients; rarely enough to cost nothing. */
    private static final Duration EVENTS_HEARTBEAT = Duration.ofSeconds(15);
    /** Threads that write to the event streams: a write takes microseconds unless a client's connection is full. */
    private static final int EVENTS_SENDERS = 2;

    private final OpenedResources opened = new OpenedResources();
    private final Timers timers = new Timers();
    private final Clock clock = Clock.systemUTC();
    private final ObjectMapperProvider json = new ObjectMapperProvider();
    private List<Object> webComponents = List.of();

    private App() {
    }

    /** A web node: everything {@link AppListener} registers with Jersey. When a step fails, what opened closes. */
    public static App forWeb(Config config, ClassLoader classLoader) {
        App app = new App();
        try {
            app.webComponents = app.wireWeb(Objects.requireNonNull(config, "config"), classLoader);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /**
     * A job worker process: the stores and the queue, and a started {@link Worker}; closing stops it gracefully,
     * then the clients. {@code extraHandlers} lets a test add job types of its own.
     */
    public static App forWorker(Config config, List<JobHandler> extraHandlers) {
        App app = new App();
        try {
            // The queue's figures are on the web nodes' /metrics (read from Redis); this registry only feeds the
            // clients' own listeners.
            Core core = app.core(Objects.requireNonNull(config, "config"), new SimpleMeterRegistry());
            app.startWorker(config, core, extraHandlers);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /** Resources, providers and listeners to register with Jersey, as instances (empty for a worker). */
    public List<Object> webComponents() {
        return webComponents;
    }

    private List<Object> wireWeb(Config config, ClassLoader classLoader) {
        config = withDevelopmentServices(config, classLoader);
        log.info("Starting with {}", config);
        PrometheusMeterRegistry registry = open(new Metrics()).registry();
        Core core = core(config, registry);
        core.indexes.start();
        JobSubmitter jobs = new JobSubmitter(core.queue, core.quotas);
        Duration probeEvery = config.cache().redisBreakerOpen();
        core.queue.ifPresent(queue -> {
            JobMetrics jobMetrics = new JobMetrics(queue, registry,
                    core.handlers.stream().map(JobHandler::type).toList());
            timers.every("todo-jobs-metrics", JOB_METRICS_EVERY, jobMetrics::refresh);
            // Closes the queue's breaker once Redis answers again, so no request has to be the probe.
            timers.every("todo-jobs-redis-probe", probeEvery, () -> {
                if (queue.breakerState() != CircuitBreaker.State.CLOSED) {
                    queue.ping();
                }
            });
        });
        if (core.queue.isPresent() && config.jobs().runInApp()) {
            startWorker(config, core, List.of());
        } else if (core.queue.isPresent()) {
            log.info("Jobs: queued here, run by separate worker processes (JOBS_RUN_IN_APP=false)");
        }
        TokenResolver owners = tokenResolver(config, core);
        Optional<UnifiedJedis> limitsRedis = limitsRedis(config.cache());
        AccountService accounts = new AccountService(core.accounts, core.tokens, owners, passwordHasher(config,
                registry), loginThrottle(config, limitsRedis, registry), clock, config.authTokenTtl());
        OperatorAccess operators = new OperatorAccess(config.metricsToken());
        LoginRefusalDelay refusals = open(new LoginRefusalDelay(config.auth().loginRefusalDelay(),
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("todo-login-refusals")), registry));
        List<Object> components = new ArrayList<>(List.of(
                new TodoResource(core.todos, new TodoReadCache(core.cache, core.store, json.mapper()), owners,
                        new TodoBulkJobs(jobs)),
                new TodoBackendResource(core.todos, owners),
                new AccountResource(accounts, owners, jobs),
                new TokenResource(accounts, owners, refusals),
                new SessionResource(accounts, owners, new SessionCookie(config.publicBaseUrl()),
                        config.authSessionTtl(), refusals),
                new ImportResource(jobs, core.files, owners, core.quotas, config.jobs().importMaxBytes()),
                new ExportResource(jobs, core.files, owners, core.quotas),
                new JobResource(jobs, core.files, owners),
                new EventsResource(core.feed, owners),
                new HealthResource(List.of(MongoHealth.ping(core.database), MongoHealth.indexes(core.indexes),
                        new HealthCheck("redis", false, () -> cacheHealth(core.redis)),
                        new HealthCheck("jobs", false, () -> jobsHealth(core.queue))), operators),
                new MetricsResource(registry, operators),
                new PageResource(),
                json,
                // Without Jackson's own mappers, so JSON errors become problem answers (JsonExceptionMapper).
                JacksonFeature.withoutExceptionMappers(),
                new CsrfRefusalFilter(),
                new PublicLinksFilter(config.publicBaseUrl(), config.allowedHosts()),
                new HeaderSyntaxFilter(),
                new ContentTypeRequiredFilter(Set.of(ExportResource.PATH)),
                new BodySizeLimitFilter(config.httpMaxBodyBytes(), ImportResource.PATH,
                        config.jobs().importMaxBytes()),
                new WebApplicationExceptionMapper(),
                new ApiExceptionMapper(),
                new TodoExceptionMapper(),
                new JsonExceptionMapper(),
                new MongoExceptionMapper(),
                new JobQueueExceptionMapper(),
                new UnexpectedExceptionMapper(),
                new RequestMetrics(registry)));
        rateLimit(config.limits(), owners, limitsRedis, registry).ifPresent(components::add);
        timers.every("todo-events-heartbeat", EVENTS_HEARTBEAT, core.feed::heartbeat);
        // Event streams never end by themselves, and Tomcat waits up to its unloadDelay for open async answers
        // before it stops the application: on SIGTERM they end at once, so the node stops without that wait. On
        // close they end first (opened last), before running jobs get their grace period.
        open(core.feed::close);
        open(new ShutdownHook("todo-events-shutdown", core.feed::close));
        return components;
    }

    /** The login and rate limits' counters live in the cache's Redis, shared by the nodes. */
    private Optional<UnifiedJedis> limitsRedis(CacheSettings cache) {
        return cache.redisUri().map(uri -> open(RedisEndpoint.connect(uri, cache.redisTimeout(), LIMITS_REDIS_POOL)));
    }

    /** Requests per account, counted in each node and summed in Redis every 100 ms; none with a limit of 0. */
    private Optional<RateLimitFilter> rateLimit(LimitSettings limits, TokenResolver owners,
            Optional<UnifiedJedis> redis, MeterRegistry registry) {
        if (limits.requestsPerWindow() == 0) {
            log.info("Rate limit: none (RATE_LIMIT_REQUESTS=0)");
            return Optional.empty();
        }
        RequestRateLimiter limiter = new RequestRateLimiter(limits.requestsPerWindow(), limits.rateWindow(),
                redis.<SharedCounts>map(RedisSharedCounts::new), clock, Ticker.systemTicker(), registry);
        timers.every("todo-rate-limit-sync", RequestRateLimiter.SYNC_EVERY, limiter::sync);
        return Optional.of(new RateLimitFilter(limiter, owners::accountOf, limits.requestsPerWindow(),
                limits.rateWindow()));
    }

    /**
     * Tokens checked against the store, kept a second per node. {@code AUTH_ANONYMOUS} (the development switch) lets
     * requests without a token act as one shared owner, as the tutorial's commands expect.
     */
    private TokenResolver tokenResolver(Config config, Core core) {
        if (config.authAnonymous()) {
            log.warn("AUTH_ANONYMOUS=true: requests without an API token read and change the todos of one shared"
                    + " anonymous owner. A development switch: never set it where others can reach the service.");
        }
        ExecutorService background = Executors.newFixedThreadPool(2, DaemonThreads.named("todo-auth"));
        open(background::shutdownNow);
        return new TokenResolver(core.tokens, clock, Ticker.systemTicker(), config.authAnonymous(), background);
    }

    private static PasswordHasher passwordHasher(Config config, MeterRegistry registry) {
        AuthSettings auth = config.auth();
        return new PasswordHasher(auth, new HashingSlots(auth.hashConcurrency(), auth.hashWait(), registry), registry);
    }

    /** Failed logins counted in Redis, shared by the nodes; each node alone without it. */
    private LoginThrottle loginThrottle(Config config, Optional<UnifiedJedis> redis, MeterRegistry registry) {
        return new LoginThrottle(
                new AttemptLimiter(AttemptLimit.loginsPerAccount(config.auth()), AUTH_KEY_PREFIX, redis, clock,
                        registry),
                new AttemptLimiter(AttemptLimit.loginsPerAddress(config.auth()), AUTH_KEY_PREFIX, redis, clock,
                        registry));
    }

    /** What a web node and a worker both build: the database and its stores, the cache, the queue and its jobs. */
    private record Core(MongoDatabase database, MongoTodoStore store, IndexSetup indexes, Optional<RedisTier> redis,
            TwoTierCache cache, TodoService todos, JobFiles files, Optional<UnifiedJedis> jobsRedis,
            Optional<JobQueue> queue, List<JobHandler> handlers, MongoAccountStore accounts, MongoTokenStore tokens,
            Quotas quotas, ChangeFeed feed) {
    }

    private Core core(Config config, MeterRegistry registry) {
        MongoDatabase database = open(MongoClientFactory.create(config, registry))
                .getDatabase(config.mongodbDatabase());
        log.info("Store: MongoDB at {}, database \"{}\"", config.describe().get("MONGODB_URI"),
                config.mongodbDatabase());
        MongoTodoStore store = new MongoTodoStore(database, config.mongodbQueryTimeout());
        MongoIdempotencyKeys idempotencyKeys = new MongoIdempotencyKeys(database, config.idempotencyKeyTtl());
        MongoAccountStore accounts = new MongoAccountStore(database);
        MongoTokenStore tokens = new MongoTokenStore(database);
        IndexSetup indexes = open(new IndexSetup(() -> {
            store.createIndexes();
            idempotencyKeys.createIndexes();
            accounts.createIndexes();
            tokens.createIndexes();
        }, INDEX_RETRY, RetryScheduler.singleThread(DaemonThreads.named("todo-index-setup"))));
        Optional<RedisTier> redis = redisTier(config.cache(), registry);
        // A worker's feed never has a stream: its writes reach the nodes' streams through the cache's pub/sub.
        ChangeFeed feed = changeFeed(config, registry);
        TwoTierCache cache = cache(config.cache(), redis, registry, feed);
        TodoStore invalidating = new InvalidatingTodoStore(store,
                owner -> feed.changedHere(owner.id(), cache.ownerChanged(owner.id())));
        Quotas quotas = new Quotas(config.limits(), Owner.ANONYMOUS.id());
        TodoService todos = new TodoService(invalidating, idempotencyKeys, clock, config.todoMaxContentLength(),
                quotas);
        JobFiles files = new JobFiles(database);
        Optional<UnifiedJedis> jobsRedis = config.jobsRedisUri()
                .map(uri -> open(JobRedis.connect(uri, JOBS_REDIS_POOL)));
        // The queue's own breaker (the cache's may be on another Redis); same open period as the cache's.
        Optional<JobQueue> queue = jobsRedis.map(client -> new JobQueue(client, config.jobs(), clock,
                new CircuitBreaker(clock, config.cache().redisBreakerOpen())));
        if (queue.isEmpty()) {
            log.warn("Jobs: no JOBS_REDIS_URI or REDIS_URI, so imports, exports and bulk deletes answer 503");
        }
        List<JobHandler> handlers = List.of(
                new ImportTodosJob(invalidating, todos, files, json.mapper(), config.jobs().importBatchSize()),
                new ExportTodosJob(store, files),
                new ClearTodosJob(invalidating),
                new MarkTodosJob(invalidating, clock),
                new AccountDeletionJob(List.of(
                        OwnedData.of("todos", id -> invalidating.deleteAll(new Owner(id), Optional.empty())),
                        OwnedData.of("job_files", files::deleteOwned)), queue, tokens, accounts));
        return new Core(database, store, indexes, redis, cache, todos, files, jobsRedis, queue, handlers, accounts,
                tokens, quotas, feed);
    }

    /** The open event streams of a web node (a worker's stays empty), and the threads that write to them. */
    private ChangeFeed changeFeed(Config config, MeterRegistry registry) {
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(EVENTS_SENDERS,
                DaemonThreads.named("todo-events"));
        open(senders::shutdownNow);
        return open(new ChangeFeed(config.limits().maxEventStreams(), Owner.ANONYMOUS.id(),
                config.cache().generationReuse(), senders, registry));
    }

    private Optional<RedisTier> redisTier(CacheSettings settings, MeterRegistry registry) {
        if (!settings.mode().usesL2() || settings.redisUri().isEmpty()) {
            return Optional.empty();
        }
        ScheduledExecutorService prober =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("todo-redis-probe"));
        open(prober::shutdownNow);
        CircuitBreaker breaker = new CircuitBreaker(clock, settings.redisBreakerOpen());
        RedisTier redis = open(new RedisTier(settings, breaker, prober));
        Gauge.builder(TodoReadCache.NAMES.meter("redis.breaker.state"), redis, tier -> tier.breakerState().ordinal())
                .description("0 closed (Redis in use), 1 open (Redis skipped), 2 half-open (probing)")
                .register(registry);
        return Optional.of(redis);
    }

    private TwoTierCache cache(CacheSettings settings, Optional<RedisTier> redis, MeterRegistry registry,
            ChangeFeed feed) {
        ExecutorService refresher = Executors.newFixedThreadPool(2, DaemonThreads.named("todo-cache-refresh"));
        open(refresher::shutdownNow);
        // Its own thread: a renewal must not queue behind a refresh's database load.
        ExecutorService renewals = Executors.newSingleThreadExecutor(DaemonThreads.named("todo-cache-generations"));
        open(renewals::shutdownNow);
        CacheNames names = TodoReadCache.NAMES;
        SharedTier shared = redis.<SharedTier>map(tier -> tier).orElse(SharedTier.NONE);
        TwoTierCache built = new TwoTierCache(names, settings, shared,
                clock, MonotonicTime.SYSTEM, () -> ThreadLocalRandom.current().nextDouble(), refresher, renewals,
                MongoErrors::isUnavailable, registry);
        redis.ifPresent(tier -> {
            // The event streams hear of every write on the same channel; after an outage of the subscription, whose
            // messages are lost, every stream refetches.
            InvalidationSubscriber.start(tier, names,
                    message -> built.invalidationReceived(message).ifPresent(
                            change -> feed.announced(change.owner(), change.generation())),
                    () -> {
                        built.afterOutage();
                        feed.everyoneChanged();
                    },
                    DaemonThreads.named("todo-cache-invalidations"), Sleeper.SYSTEM).forEach(this::open);
            timers.every("todo-cache-replay", Duration.ofSeconds(1), built::replayInvalidations);
        });
        if (!settings.mode().usesL2()) {
            log.info("Cache: off (CACHE_MODE=off)");
        } else if (redis.isEmpty()) {
            log.info("Cache: L1 only, in this node's memory: REDIS_URI is not set, so writes on other nodes show"
                    + " here after at most CACHE_L1_TTL ({})", settings.l1Ttl());
        } else {
            log.info("Cache: {} with Redis at {}", settings.mode(), settings.describeRedisUri());
        }
        return built;
    }

    private static Map<String, Object> cacheHealth(Optional<RedisTier> redis) {
        return redis.<Map<String, Object>>map(tier -> Map.of("status", tier.ping() ? "UP" : "DOWN",
                "breaker", tier.breakerState().name())).orElse(HealthCheck.DISABLED);
    }

    private static Map<String, Object> jobsHealth(Optional<JobQueue> queue) {
        return queue.<Map<String, Object>>map(q -> Map.of("status", q.ping() ? "UP" : "DOWN",
                "breaker", q.breakerState().name())).orElse(HealthCheck.DISABLED);
    }

    /**
     * Starts a job worker in this process (a worker process's whole purpose, or a node's when JOBS_RUN_IN_APP),
     * and the hourly sweep of job files past their retention. Stopped gracefully on close, before the clients.
     */
    private void startWorker(Config config, Core core, List<JobHandler> extraHandlers) {
        UnifiedJedis client = core.jobsRedis.orElseThrow(() -> new IllegalStateException(
                "A job worker needs Redis: set JOBS_REDIS_URI or REDIS_URI"));
        JobDeliveries deliveries = new JobDeliveries(client, config.jobs(), clock, JobDeliveries.uniqueConsumerName());
        List<JobHandler> handlers = new ArrayList<>(core.handlers);
        handlers.addAll(extraHandlers);
        Worker worker = open(new Worker(deliveries, handlers, config.jobs(),
                new Backoff(config.jobs().retryBaseDelay(), config.jobs().retryMaxDelay(),
                        () -> ThreadLocalRandom.current().nextDouble()), clock,
                DaemonThreads::named, System::nanoTime, Sleeper.SYSTEM));
        worker.start();
        timers.every("todo-jobs-sweep", Duration.ofHours(1), () -> {
            long swept = core.files.sweep(clock.instant().minus(config.jobs().retention()));
            int forgotten = deliveries.forgetGoneConsumers(Duration.ofHours(1));
            if (swept > 0 || forgotten > 0) {
                log.info("Jobs: deleted {} file(s) older than {}, forgot {} consumer(s) of workers gone for an"
                        + " hour", swept, config.jobs().retention(), forgotten);
            }
        });
    }

    /** With DEV_SERVICES (mvn jetty:run), local servers for what the configuration leaves unset. */
    private Config withDevelopmentServices(Config config, ClassLoader classLoader) {
        if (!config.devServices()) {
            return config;
        }
        Optional<DevelopmentServices> services = DevelopmentServices.find(classLoader);
        if (services.isEmpty()) {
            log.warn("DEV_SERVICES is true but no development services are on the classpath");
            return config;
        }
        return open(services.get()).start(config);
    }

    private <T extends AutoCloseable> T open(T resource) {
        return opened.open(resource);
    }

    @Override
    public void close() {
        // Periodic tasks stop first: none may run against a client that is already closed.
        timers.close();
        opened.close();
    }
}
