package todoservice.cache;

import todoservice.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import todoservice.config.CacheMode;
import todoservice.config.CacheSettings;
import todoservice.mongo.MongoErrors;

class TwoTierCacheTest {

    private static final Duration REUSE = Duration.ofMillis(5);
    /** Not the todo service's names: the cache must use whatever it is given. */
    private static final CacheNames NAMES = new CacheNames("notes:v2:", "notes.cache", "notes.l1");
    private static final CacheKeys KEYS = new CacheKeys(NAMES);

    private final MutableClock clock = new MutableClock();
    private final FakeMonotonicTime time = new FakeMonotonicTime();
    private final FakeSharedTier shared = new FakeSharedTier();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicReference<String> database = new AtomicReference<>("v1");
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private double random = 0.5;

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private CacheSettings settings(CacheMode mode, Duration generationReuse) {
        return new CacheSettings(mode, Optional.empty(), Duration.ofMillis(250), 8, Duration.ofSeconds(1),
                1 << 20, Duration.ofMinutes(10), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(10),
                Duration.ofSeconds(2), Duration.ofMillis(200), generationReuse, 0.1);
    }

    /** A node on this test's machine: every node shares its shared tier and its monotonic time. */
    private TwoTierCache cache(CacheMode mode) {
        return cache(mode, REUSE, time);
    }

    private TwoTierCache cache(CacheMode mode, Duration generationReuse, MonotonicTime nodeTime) {
        return new TwoTierCache(NAMES, settings(mode, generationReuse), shared, clock, nodeTime, () -> random,
                Runnable::run, Runnable::run, MongoErrors::isUnavailable, new SimpleMeterRegistry());
    }

    private final Supplier<CachedValue> fromDatabase = () -> {
        loads.incrementAndGet();
        return CachedValue.of(database.get().getBytes(StandardCharsets.UTF_8), 1);
    };

    private static String text(CachedValue value) {
        return new String(value.body(), StandardCharsets.UTF_8);
    }

    @Test
    void concurrentMissesOnOneNodeDoOneLoad() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TwoTierCache cache = new TwoTierCache(NAMES, settings(CacheMode.L1_L2, REUSE), shared, clock, time,
                () -> random, Runnable::run, Runnable::run, MongoErrors::isUnavailable, registry);
        CountDownLatch gate = new CountDownLatch(1);
        Supplier<CachedValue> slowLoad = () -> {
            // The database answers only once all 50 readers have missed L1.
            assertThat(eventually(() -> registry.get(NAMES.meter("gets")).tag("tier", "l1").tag("result", "miss")
                    .counter().count() == 50)).as("all readers missed L1").isTrue();
            return fromDatabase.get();
        };
        List<Future<CachedValue>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(threads.submit(() -> {
                gate.await();
                return cache.get("alice", "page", slowLoad);
            }));
        }
        gate.countDown();
        for (Future<CachedValue> answer : answers) {
            assertThat(text(answer.get(10, TimeUnit.SECONDS))).isEqualTo("v1");
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void anotherNodeServesTheStaleCopyWhileTheLeaseHolderRebuilds() {
        TwoTierCache cache = cache(CacheMode.L2);
        cache.get("alice", "page", fromDatabase);
        clock.advance(Duration.ofSeconds(61));
        database.set("v2");

        CachedValue served = cache.get("alice", "page", fromDatabase);

        assertThat(text(served)).as("the lease from the first load is still held: another node rebuilds")
                .isEqualTo("v1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void theNodeThatGetsTheLeaseRebuildsAStaleEntry() {
        TwoTierCache cache = cache(CacheMode.L2);
        cache.get("alice", "page", fromDatabase);
        clock.advance(Duration.ofSeconds(61));
        database.set("v2");
        shared.leases.clear();

        assertThat(text(cache.get("alice", "page", fromDatabase))).isEqualTo("v2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aWaiterPicksUpTheLeaseHoldersResult() {
        TwoTierCache cache = cache(CacheMode.L2);
        TwoTierCache otherNode = cache(CacheMode.L2);
        shared.leases.put(leaseKeyOfCurrentPage(cache), true);
        time.duringNextSleep(() -> {
            // The holder finishes its load while the waiter waits.
            shared.leases.clear();
            otherNode.get("alice", "page", fromDatabase);
        });

        CachedValue served = cache.get("alice", "page", () -> {
            throw new AssertionError("the waiter must not load");
        });

        assertThat(text(served)).isEqualTo("v1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aWaiterWhoseWaitRunsOutLoadsItself() {
        TwoTierCache cache = cache(CacheMode.L2);
        shared.leases.put(leaseKeyOfCurrentPage(cache), true);
        long before = time.nanos();

        assertThat(text(cache.get("alice", "page", fromDatabase))).isEqualTo("v1");
        assertThat(loads).hasValue(1);
        assertThat(Duration.ofNanos(time.nanos() - before)).as("it waited the lease wait, no longer")
                .isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aMissingThingIsCachedAsAbsentForTheNegativeTtl() {
        TwoTierCache cache = cache(CacheMode.L2);
        Supplier<CachedValue> missing = () -> {
            loads.incrementAndGet();
            return CachedValue.ABSENT;
        };

        for (int i = 0; i < 100; i++) {
            assertThat(cache.get("alice", "todo:x", missing).absent()).isTrue();
        }
        assertThat(loads).hasValue(1);

        clock.advance(Duration.ofSeconds(11));
        shared.leases.clear();
        cache.get("alice", "todo:x", missing);
        assertThat(loads).hasValue(2);
    }

    @Test
    void aWriteMakesEveryNodeReloadAndItsReplacedEntryIsNeverServedAgain() {
        TwoTierCache nodeA = cache(CacheMode.L1_L2);
        TwoTierCache nodeB = cache(CacheMode.L1_L2);
        nodeB.get("alice", "page", fromDatabase);

        database.set("v2");
        nodeA.ownerChanged("alice");

        assertThat(text(nodeB.get("alice", "page", fromDatabase))).isEqualTo("v2");
        assertThatThrownBy(() -> nodeB.get("alice", "other", () -> {
            throw new MongoTimeoutException("database down");
        })).isInstanceOf(MongoTimeoutException.class);
        database.set("v3");
        nodeA.ownerChanged("alice");
        assertThatThrownBy(() -> nodeB.get("alice", "page", () -> {
            throw new MongoTimeoutException("database down");
        })).as("the v2 copy was replaced by a write: not even a stale copy may answer")
                .isInstanceOf(MongoTimeoutException.class);
    }

    @Test
    void aReadThatBeganBeforeAWriteCannotPutTheOlderDataBack() throws Exception {
        TwoTierCache cache = cache(CacheMode.L1_L2);
        CountDownLatch readerLoaded = new CountDownLatch(1);
        CountDownLatch writeDone = new CountDownLatch(1);
        Future<CachedValue> slowReader = threads.submit(() -> cache.get("alice", "page", () -> {
            CachedValue old = fromDatabase.get();
            readerLoaded.countDown();
            await(writeDone);
            return old;
        }));
        readerLoaded.await(5, TimeUnit.SECONDS);
        database.set("v2");
        cache.ownerChanged("alice");
        writeDone.countDown();
        assertThat(text(slowReader.get(5, TimeUnit.SECONDS))).isEqualTo("v1");

        assertThat(text(cache.get("alice", "page", fromDatabase))).isEqualTo("v2");
    }

    @Test
    void aStaleCopyAnswersWhileTheDatabaseIsDown() {
        TwoTierCache cache = cache(CacheMode.L2);
        cache.get("alice", "page", fromDatabase);
        clock.advance(Duration.ofSeconds(61));
        shared.leases.clear();

        CachedValue served = cache.get("alice", "page", () -> {
            throw new MongoTimeoutException("database down");
        });

        assertThat(text(served)).isEqualTo("v1");
    }

    @Test
    void otherDatabaseErrorsAreNotHiddenByAStaleCopy() {
        TwoTierCache cache = cache(CacheMode.L2);
        cache.get("alice", "page", fromDatabase);
        clock.advance(Duration.ofSeconds(61));
        shared.leases.clear();

        assertThatThrownBy(() -> cache.get("alice", "page", () -> {
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withTheSharedTierDownL1AndTheDatabaseCarryOn() {
        TwoTierCache cache = cache(CacheMode.L1_L2);
        shared.available = false;

        assertThat(text(cache.get("alice", "page", fromDatabase))).isEqualTo("v1");
        assertThat(text(cache.get("alice", "page", fromDatabase))).isEqualTo("v1");
        assertThat(loads).as("the second read is an L1 hit").hasValue(1);

        database.set("v2");
        cache.ownerChanged("alice");
        assertThat(text(cache.get("alice", "page", fromDatabase))).as("this node's own write is visible")
                .isEqualTo("v2");
    }

    @Test
    void whenTheSharedTierReturnsL1IsFlushedAndWritesMadeMeanwhileInvalidateTheSharedCopies() {
        TwoTierCache nodeA = cache(CacheMode.L1_L2);
        TwoTierCache nodeB = cache(CacheMode.L1_L2);
        nodeB.get("alice", "page", fromDatabase);
        shared.leases.clear();
        shared.available = false;

        database.set("v2");
        nodeA.ownerChanged("alice");
        shared.comeBack();

        assertThat(text(nodeB.get("alice", "page", fromDatabase))).isEqualTo("v2");
    }

    @Test
    void aWriteAnnouncedOverPubSubIsHonouredEvenIfRedisFailsRightAfter() {
        TwoTierCache nodeA = cache(CacheMode.L1_L2);
        TwoTierCache nodeB = cache(CacheMode.L1_L2);
        nodeB.get("alice", "page", fromDatabase);

        database.set("v2");
        nodeA.ownerChanged("alice");
        assertThat(shared.published).hasSize(1);
        nodeB.invalidationReceived(shared.published.get(0));
        shared.available = false;

        assertThat(text(nodeB.get("alice", "page", fromDatabase))).isEqualTo("v2");
    }

    @Test
    void aWriteReturnsTheGenerationItAnnouncedAndTheReceiverReadsTheSame() {
        TwoTierCache nodeA = cache(CacheMode.L1_L2);
        TwoTierCache nodeB = cache(CacheMode.L1_L2);

        OptionalLong announced = nodeA.ownerChanged("alice");

        assertThat(announced).isPresent();
        assertThat(nodeB.invalidationReceived(shared.published.get(0)))
                .contains(new Invalidation("alice", announced.getAsLong()));
        assertThat(nodeB.invalidationReceived("alice not-a-number")).isEmpty();
        shared.available = false;
        assertThat(nodeA.ownerChanged("alice")).as("nothing announced while the tier is down").isEmpty();
        assertThat(cache(CacheMode.OFF).ownerChanged("alice")).isEmpty();
    }

    @Test
    void ownersNeverSeeEachOthersEntries() {
        TwoTierCache cache = cache(CacheMode.L1_L2);

        CachedValue alice = cache.get("alice", "page", () -> CachedValue.of("alice's".getBytes(), 1));
        CachedValue bob = cache.get("bob", "page", () -> CachedValue.of("bob's".getBytes(), 1));

        assertThat(text(alice)).isEqualTo("alice's");
        assertThat(text(bob)).isEqualTo("bob's");
        assertThat(shared.values.keySet()).allSatisfy(key -> assertThat(key).containsAnyOf("{alice}", "{bob}"));
    }

    @Test
    void theRedisKeysTheChannelAndTheMetersCarryTheNamesTheApplicationGave() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TwoTierCache cache = new TwoTierCache(NAMES, settings(CacheMode.L1_L2, REUSE), shared, clock, time,
                () -> random, Runnable::run, Runnable::run, MongoErrors::isUnavailable, registry);

        cache.get("alice", "page", fromDatabase);
        cache.ownerChanged("alice");

        assertThat(shared.values.keySet()).isNotEmpty()
                .allSatisfy(key -> assertThat(key).startsWith("notes:v2:{alice}:"));
        assertThat(shared.counters.keySet()).containsExactlyInAnyOrder("notes:v2:epoch", "notes:v2:{alice}:gen");
        assertThat(shared.channels).singleElement().asString().matches("notes:v2:invalidations:\\{inv[0-7]}");
        assertThat(registry.get("notes.cache.gets").tag("tier", "l1").tag("result", "miss").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("notes.cache.loads").timer().count()).isEqualTo(1);
        assertThat(registry.get("cache.gets").tag("cache", "notes.l1").meters()).isNotEmpty();
        assertThat(registry.find("todo.cache.gets").meters()).as("nothing named after todos").isEmpty();
    }

    @Test
    void aHotEntryIsRefreshedBeforeItExpires() {
        TwoTierCache cache = cache(CacheMode.L1_L2);
        cache.get("alice", "page", fromDatabase);
        shared.leases.clear();
        database.set("v2");

        random = 0.0;
        cache.get("alice", "page", fromDatabase);
        assertThat(loads).as("far from expiry: no early refresh").hasValue(1);

        clock.advance(Duration.ofSeconds(59));
        random = 0.999999;
        cache.get("alice", "page", fromDatabase);
        assertThat(loads).as("near expiry, XFetch refreshes in the background").hasValue(2);
        assertThat(text(cache.get("alice", "page", fromDatabase))).isEqualTo("v2");
    }

    @Test
    void aHotOwnersReadsAskRedisForTheGenerationOncePerReuse() {
        TwoTierCache cache = cache(CacheMode.L1_L2);

        for (int i = 0; i < 100; i++) {
            cache.get("alice", "page", fromDatabase);
        }
        assertThat(shared.counterReads).as("one round trip for 100 reads within the reuse").hasValue(1);

        time.advance(REUSE);
        cache.get("alice", "page", fromDatabase);
        assertThat(shared.counterReads).as("the reuse ran out: asked again").hasValue(2);
        assertThat(loads).hasValue(1);
    }

    @Test
    void readsThatBeginWhileTheGenerationReadIsSlowWaitForItInsteadOfAskingAgain() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TwoTierCache cache = new TwoTierCache(NAMES, settings(CacheMode.L1_L2, REUSE), shared, clock, time,
                () -> random, Runnable::run, Runnable::run, MongoErrors::isUnavailable, registry);
        cache.get("alice", "page", fromDatabase);
        time.advance(REUSE);
        shared.counterReadGate = new CountDownLatch(1);
        List<Future<CachedValue>> readers = new ArrayList<>();
        readers.add(threads.submit(() -> cache.get("alice", "page", fromDatabase)));
        assertThat(eventually(() -> shared.counterReads.get() == 2)).as("the first reader is asking Redis").isTrue();
        for (int i = 0; i < 20; i++) {
            readers.add(threads.submit(() -> cache.get("alice", "page", fromDatabase)));
        }
        assertThat(eventually(() -> registry.get(NAMES.meter("generation.reads")).tag("source", "reused").counter()
                .count() == 20)).as("the other 20 wait for the first one's answer").isTrue();

        time.advance(REUSE);
        Future<CachedValue> late = threads.submit(() -> cache.get("alice", "page", fromDatabase));
        assertThat(eventually(() -> shared.counterReads.get() == 3))
                .as("a read that begins after the reuse of the slow read asks on its own").isTrue();
        shared.counterReadGate.countDown();

        for (Future<CachedValue> reader : readers) {
            assertThat(text(reader.get(10, TimeUnit.SECONDS))).isEqualTo("v1");
        }
        assertThat(text(late.get(10, TimeUnit.SECONDS))).isEqualTo("v1");
        assertThat(shared.counterReads).as("21 reads in one reuse, one more after it").hasValue(3);
    }

    @Test
    void aHotOwnersReadsRenewTheGenerationInTheBackgroundInsteadOfWaitingWhenItsReuseRunsOut() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TwoTierCache cache = new TwoTierCache(NAMES, settings(CacheMode.L1_L2, REUSE), shared, clock, time,
                () -> random, Runnable::run, threads, MongoErrors::isUnavailable, registry);
        cache.get("alice", "page", fromDatabase);
        time.advance(REUSE.dividedBy(2));
        shared.counterReadGate = new CountDownLatch(1);

        for (int i = 0; i < 20; i++) {
            Future<CachedValue> reader = threads.submit(() -> cache.get("alice", "page", fromDatabase));
            assertThat(text(reader.get(10, TimeUnit.SECONDS)))
                    .as("reads in the second half of the reuse go on while it is renewed").isEqualTo("v1");
        }
        assertThat(eventually(() -> shared.counterReads.get() == 2)).as("the first of them had it renewed").isTrue();
        assertThat(registry.get(NAMES.meter("generation.renewals")).counter().count()).isEqualTo(1);

        time.advance(REUSE.dividedBy(2));
        Future<CachedValue> afterTheFirstReuse = threads.submit(() -> cache.get("alice", "page", fromDatabase));
        assertThat(eventually(() -> registry.get(NAMES.meter("generation.reads")).tag("source", "reused").counter()
                .count() == 21)).as("a read after the first reuse waits for the renewal in flight").isTrue();
        assertThat(afterTheFirstReuse).isNotDone();
        shared.counterReadGate.countDown();

        assertThat(text(afterTheFirstReuse.get(10, TimeUnit.SECONDS))).isEqualTo("v1");
        assertThat(shared.counterReads).as("one round trip renewed the reuse for all of them").hasValue(2);
        assertThat(loads).hasValue(1);
    }

    @Test
    void aGenerationReadInFlightDuringAWriteDoesNotMakeTheNodeServeTheReplacedPageWhenRedisFailsAfter()
            throws Exception {
        AtomicReference<Future<?>> renewal = new AtomicReference<>();
        TwoTierCache cache = new TwoTierCache(NAMES, settings(CacheMode.L1_L2, REUSE), shared, clock, time,
                () -> random, Runnable::run, task -> renewal.set(threads.submit(task)), MongoErrors::isUnavailable,
                new SimpleMeterRegistry());
        cache.get("alice", "page", fromDatabase);
        time.advance(REUSE.dividedBy(2));
        shared.counterReadGate = new CountDownLatch(1);
        cache.get("alice", "page", fromDatabase);
        assertThat(eventually(() -> shared.counterReads.get() == 2)).as("Redis read the old generation").isTrue();

        database.set("v2");
        cache.ownerChanged("alice");
        shared.counterReadGate.countDown();
        renewal.get().get(10, TimeUnit.SECONDS);
        shared.available = false;

        assertThat(text(cache.get("alice", "page", fromDatabase)))
                .as("the late answer from before the write did not replace the node's own newer generation")
                .isEqualTo("v2");
    }

    @Test
    void withoutReuseEveryReadAsksRedisAndWritesDoNotWait() {
        TwoTierCache cache = cache(CacheMode.L1_L2, Duration.ZERO, time);
        cache.get("alice", "page", fromDatabase);
        cache.get("alice", "page", fromDatabase);
        long before = time.nanos();

        cache.ownerChanged("alice");

        assertThat(shared.counterReads).hasValue(2);
        assertThat(time.nanos()).isEqualTo(before);
    }

    @Test
    void aWriteIsAnsweredOnlyOnceNoNodeCanReuseTheGenerationItReplaced() {
        TwoTierCache nodeA = cache(CacheMode.L1_L2);
        TwoTierCache nodeB = cache(CacheMode.L1_L2);
        nodeB.get("alice", "page", fromDatabase);
        long nodeBAsked = time.nanos();

        database.set("v2");
        nodeA.ownerChanged("alice");

        assertThat(time.nanos() - nodeBAsked).as("the write waited out node B's reuse")
                .isGreaterThanOrEqualTo(REUSE.toNanos());
        assertThat(text(nodeB.get("alice", "page", fromDatabase))).isEqualTo("v2");
    }

    @Test
    void aWriteAnnouncedOverPubSubEndsTheReuseOfTheOlderGenerationAtOnce() {
        FakeMonotonicTime nodeBTime = new FakeMonotonicTime();
        TwoTierCache nodeA = cache(CacheMode.L1_L2);
        TwoTierCache nodeB = cache(CacheMode.L1_L2, REUSE, nodeBTime);
        nodeB.get("alice", "page", fromDatabase);

        database.set("v2");
        nodeA.ownerChanged("alice");
        nodeB.invalidationReceived(shared.published.get(0));

        assertThat(text(nodeB.get("alice", "page", fromDatabase)))
                .as("node B's own reuse has not run out, the announcement ended it").isEqualTo("v2");
    }

    @Test
    void aWriteWhoseInvalidationFailsIsAnsweredAtOnceAndSeenOnItsNode() {
        TwoTierCache cache = cache(CacheMode.L1_L2);
        cache.get("alice", "page", fromDatabase);
        shared.available = false;
        long before = time.nanos();

        database.set("v2");
        cache.ownerChanged("alice");

        assertThat(time.nanos()).as("no other node can learn of it: nothing to wait for").isEqualTo(before);
        assertThat(text(cache.get("alice", "page", fromDatabase))).isEqualTo("v2");
    }

    @Test
    void aWriteWhileRedisIsFullIsSeenAtOnceByEveryNodeAndNoCopyMadeBeforeItAnswers() {
        TwoTierCache nodeA = cache(CacheMode.L1_L2);
        TwoTierCache nodeB = cache(CacheMode.L1_L2);
        nodeB.get("alice", "page", fromDatabase);
        shared.leases.clear();
        shared.full = true;
        // The counter was made from the clock: writes come at least a millisecond later.
        clock.advance(Duration.ofMillis(1));

        database.set("v2");
        nodeA.ownerChanged("alice");

        assertThat(text(nodeB.get("alice", "page", fromDatabase))).as("node B, which cached v1 in L1 and L2")
                .isEqualTo("v2");
        assertThat(text(nodeA.get("alice", "page", fromDatabase))).isEqualTo("v2");
        database.set("v3");
        clock.advance(Duration.ofMillis(1));
        nodeB.ownerChanged("alice");
        assertThat(text(nodeA.get("alice", "page", fromDatabase))).as("a second write while still full")
                .isEqualTo("v3");
        assertThat(text(nodeB.get("alice", "page", fromDatabase))).isEqualTo("v3");
    }

    @Test
    void whatANodeCachedWhileRedisWasFullNeverHidesAWriteMadeAfterItStoresAgain() {
        TwoTierCache nodeA = cache(CacheMode.L1_L2);
        TwoTierCache nodeB = cache(CacheMode.L1_L2);
        nodeA.get("alice", "page", fromDatabase);
        shared.full = true;
        clock.advance(Duration.ofMillis(1));
        database.set("v2");
        nodeA.ownerChanged("alice");
        nodeA.ownerChanged("alice");
        assertThat(text(nodeA.get("alice", "page", fromDatabase))).isEqualTo("v2");

        shared.full = false;
        clock.advance(Duration.ofMillis(1));
        database.set("v3");
        nodeB.ownerChanged("alice");

        assertThat(text(nodeA.get("alice", "page", fromDatabase))).isEqualTo("v3");
        assertThat(text(nodeB.get("alice", "page", fromDatabase))).isEqualTo("v3");
    }

    @Test
    void withTheCacheOffEveryReadLoads() {
        TwoTierCache cache = cache(CacheMode.OFF);

        cache.get("alice", "page", fromDatabase);
        cache.get("alice", "page", fromDatabase);

        assertThat(loads).hasValue(2);
        assertThat(shared.values).isEmpty();
    }

    private String leaseKeyOfCurrentPage(TwoTierCache cache) {
        long[] counters = shared.counters(List.of(KEYS.epoch(), KEYS.generation("alice")),
                clock.millis() * 1000).orElseThrow();
        return CacheKeys.lease(KEYS.data("alice", new Stamp(counters[0], counters[1]), "page"));
    }

    /**
     * Whether {@code condition}, which other threads of the test make true, holds within a generous limit. Spins
     * instead of sleeping: it waits for threads, never for time to pass (the cache's time is {@link #time}).
     */
    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
