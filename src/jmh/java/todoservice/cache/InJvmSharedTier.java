package todoservice.cache;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shared tier in this JVM's memory, for the benchmarks of the cache's own cost: the same answers Redis gives,
 * without the network. TTLs are ignored (a benchmark never outlives them); it is always available.
 */
public final class InJvmSharedTier implements SharedTier {

    private final Map<String, byte[]> values = new ConcurrentHashMap<>();
    private final Map<String, Long> counters = new ConcurrentHashMap<>();
    private final Map<String, Boolean> leases = new ConcurrentHashMap<>();

    @Override
    public Lookup get(String key) {
        byte[] bytes = values.get(key);
        return bytes == null ? Lookup.MISS : Lookup.hit(bytes);
    }

    @Override
    public void set(String key, byte[] value, long ttlMillis) {
        values.put(key, value);
    }

    @Override
    public LeaseResult tryLease(String key, long ttlMillis) {
        return leases.putIfAbsent(key, true) == null ? LeaseResult.ACQUIRED : LeaseResult.HELD_ELSEWHERE;
    }

    @Override
    public Optional<long[]> counters(List<String> keys, long initial) {
        long[] values = new long[keys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counters.computeIfAbsent(keys.get(i), k -> initial);
        }
        return Optional.of(values);
    }

    @Override
    public OptionalLong bumpCounter(String key, long initial) {
        return OptionalLong.of(counters.merge(key, initial + 1, (old, ignored) -> old + 1));
    }

    @Override
    public void publish(String channel, String message) {
    }

    @Override
    public void onReconnect(Runnable listener) {
    }

    @Override
    public void close() {
    }
}
