package todoservice.cache;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shared tier in a map: TTLs are ignored, availability and leases held by "other nodes" are set by the test. The
 * JMH benchmarks use it too (BenchmarkCaches.inJvmSharedTier) for the cache's own cost without the network.
 */
final class FakeSharedTier implements SharedTier {

    final Map<String, byte[]> values = new ConcurrentHashMap<>();
    final Map<String, Long> counters = new ConcurrentHashMap<>();
    final Map<String, Boolean> leases = new ConcurrentHashMap<>();
    final List<String> published = new CopyOnWriteArrayList<>();
    /** The channel of each message in {@link #published}. */
    final List<String> channels = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    final AtomicInteger counterReads = new AtomicInteger();
    /** When set, counter reads wait for it (a slow round trip). */
    volatile CountDownLatch counterReadGate;
    volatile boolean available = true;
    /** A Redis full with noeviction: it answers reads, deletes and publishes, and refuses what would store. */
    volatile boolean full;

    void comeBack() {
        available = true;
        reconnectListeners.forEach(Runnable::run);
    }

    @Override
    public Lookup get(String key) {
        if (!available) {
            return Lookup.UNAVAILABLE;
        }
        byte[] bytes = values.get(key);
        return bytes == null ? Lookup.MISS : Lookup.hit(bytes);
    }

    @Override
    public void set(String key, byte[] value, long ttlMillis) {
        if (available && !full) {
            values.put(key, value);
        }
    }

    @Override
    public LeaseResult tryLease(String key, long ttlMillis) {
        if (!available || full) {
            return LeaseResult.UNAVAILABLE;
        }
        return leases.putIfAbsent(key, true) == null ? LeaseResult.ACQUIRED : LeaseResult.HELD_ELSEWHERE;
    }

    @Override
    public Optional<long[]> counters(List<String> keys, long initial) {
        if (!available) {
            return Optional.empty();
        }
        counterReads.incrementAndGet();
        long[] values = new long[keys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = full ? counters.getOrDefault(keys.get(i), initial)
                    : counters.computeIfAbsent(keys.get(i), k -> initial);
        }
        CountDownLatch gate = counterReadGate;
        if (gate != null) {
            // Redis has read the values; its answer is slow to arrive.
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.of(values);
    }

    @Override
    public OptionalLong bumpCounter(String key, long initial) {
        return available && !full ? OptionalLong.of(counters.merge(key, initial + 1, (old, ignored) -> old + 1))
                : OptionalLong.empty();
    }

    @Override
    public boolean deleteCounter(String key) {
        if (available) {
            counters.remove(key);
        }
        return available;
    }

    @Override
    public void publish(String channel, String message) {
        if (available) {
            channels.add(channel);
            published.add(message);
        }
    }

    @Override
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    @Override
    public void close() {
    }
}
