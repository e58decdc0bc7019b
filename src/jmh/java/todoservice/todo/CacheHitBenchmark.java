package todoservice.todo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.types.ObjectId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import todoservice.auth.Owner;
import todoservice.cache.BenchmarkCaches;
import todoservice.cache.CachedValue;
import todoservice.cache.SharedTier;
import todoservice.cache.TwoTierCache;
import todoservice.config.CacheMode;
import todoservice.ops.DaemonThreads;
import todoservice.web.ObjectMapperProvider;

/**
 * A cache hit for the first page (10 todos), as {@code GET /todo} makes it, one caller at a time. Every read
 * includes what the service does on every cached read: the epoch and generation lookup in the shared tier, the
 * key, the metrics, the early-refresh check. The subclasses choose the shared tier: in this JVM (the cache's own
 * cost) or a real redis-server on loopback (what the per-read generation round trip adds).
 * <ul>
 * <li>{@code l1Hit}: {@link TwoTierCache#get} in {@code CACHE_MODE=l1+l2}, answered by Caffeine;</li>
 * <li>{@code firstPageHit}: the same through {@link TodoReadCache#firstPage}, the call the resource makes;</li>
 * <li>{@code l2Hit}: {@link TwoTierCache#get} in {@code CACHE_MODE=l2}, answered by the shared tier (the entry's
 * bytes fetched and decoded on every read).</li>
 * </ul>
 * The tear-down fails the run if any measured read went to the database.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class CacheHitBenchmark {

    private static final PageRequest FIRST_PAGE =
            new PageRequest(Owner.ANONYMOUS, Optional.empty(), PageRequest.DEFAULT_LIMIT, 0, Optional.empty());
    /** The key TodoReadCache uses for that page: both benchmarks of L1 read one entry. */
    private static final String WHAT = TodoReadCache.pageKey(FIRST_PAGE);

    private SharedTier shared;
    private ExecutorService refresher;
    private MeterRegistry registry;
    private TwoTierCache l1AndL2;
    private TwoTierCache l2Only;
    private TodoReadCache readCache;
    private Supplier<CachedValue> loader;
    private long loadsWhenPrimed;

    /** The shared tier under test, started (with whatever server it needs) for one fork of the benchmark. */
    protected abstract SharedTier openSharedTier();

    /** Stops what {@link #openSharedTier()} started, after the tier itself is closed. */
    protected void stopServers() {
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        shared = openSharedTier();
        refresher = Executors.newFixedThreadPool(2, DaemonThreads.named("bench-cache-refresh"));
        registry = BenchmarkCaches.registry();
        l1AndL2 = BenchmarkCaches.cache(CacheMode.L1_L2, shared, refresher, registry);
        l2Only = BenchmarkCaches.cache(CacheMode.L2, shared, refresher, registry);
        ObjectMapper json = ObjectMapperProvider.create();
        InMemoryTodoStore store = new InMemoryTodoStore();
        Instant first = Instant.parse("2026-11-25T15:00:00Z");
        for (int i = 0; i < PageRequest.DEFAULT_LIMIT; i++) {
            store.insert(Todo.create(new ObjectId(), Owner.ANONYMOUS, "benchmark todo " + (i + 1), null,
                    first.plusMillis(i)));
        }
        readCache = new TodoReadCache(l1AndL2, store, json);
        byte[] page = json.writeValueAsBytes(PageJson.of(store.list(FIRST_PAGE)));
        loader = () -> CachedValue.of(page, 0);
        // The first reads load the page and store it in L1 and the shared tier; every later read is a hit.
        readCache.firstPage(FIRST_PAGE);
        l1AndL2.get(Owner.ANONYMOUS.id(), WHAT, loader);
        l2Only.get(Owner.ANONYMOUS.id(), WHAT, loader);
        loadsWhenPrimed = BenchmarkCaches.loads(registry);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long missed = BenchmarkCaches.loads(registry) - loadsWhenPrimed;
        refresher.shutdownNow();
        shared.close();
        stopServers();
        if (missed != 0) {
            throw new IllegalStateException(missed + " measured reads went to the database: not a hit benchmark");
        }
    }

    @Benchmark
    public CachedValue l1Hit() {
        return l1AndL2.get(Owner.ANONYMOUS.id(), WHAT, loader);
    }

    @Benchmark
    public CachedValue firstPageHit() {
        return readCache.firstPage(FIRST_PAGE);
    }

    @Benchmark
    public CachedValue l2Hit() {
        return l2Only.get(Owner.ANONYMOUS.id(), WHAT, loader);
    }
}
