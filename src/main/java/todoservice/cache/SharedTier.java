package todoservice.cache;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The cache tier every node shares (Redis in production). Every call degrades instead of failing: when the tier
 * is down, reads say so ({@link Lookup#available()}), writes are dropped, and the cache falls back to L1 and the
 * database.
 */
public interface SharedTier extends AutoCloseable {

    /** A node without a shared tier (no {@code REDIS_URI}): L1 only, invalidated locally. */
    SharedTier NONE = new SharedTier() {
        @Override
        public Lookup get(String key) {
            return Lookup.UNAVAILABLE;
        }

        @Override
        public void set(String key, byte[] value, long ttlMillis) {
        }

        @Override
        public LeaseResult tryLease(String key, long ttlMillis) {
            return LeaseResult.UNAVAILABLE;
        }

        @Override
        public Optional<long[]> counters(List<String> keys, long initial) {
            return Optional.empty();
        }

        @Override
        public OptionalLong bumpCounter(String key, long initial) {
            return OptionalLong.empty();
        }

        @Override
        public boolean deleteCounter(String key) {
            return false;
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
    };

    enum LeaseResult { ACQUIRED, HELD_ELSEWHERE, UNAVAILABLE }

    /** The bytes under a key ({@code null} when absent), or the fact that the tier could not be asked. */
    record Lookup(boolean available, byte[] bytes) {
        public static final Lookup UNAVAILABLE = new Lookup(false, null);
        public static final Lookup MISS = new Lookup(true, null);

        public static Lookup hit(byte[] bytes) {
            return new Lookup(true, Objects.requireNonNull(bytes, "bytes"));
        }

        public boolean hit() {
            return bytes != null;
        }
    }

    Lookup get(String key);

    void set(String key, byte[] value, long ttlMillis);

    /** A short exclusive claim to rebuild {@code key}, so one node loads while the others wait or serve stale. */
    LeaseResult tryLease(String key, long ttlMillis);

    /**
     * The counters under {@code keys}, in one round trip; a missing one is created with {@code initial}, and when
     * the tier refuses to store it (a full Redis) it is {@code initial} all the same, uncreated. Empty when the
     * tier is down.
     */
    Optional<long[]> counters(List<String> keys, long initial);

    /**
     * Increments the counter under {@code key} (created with {@code initial} first when missing); empty when the
     * tier is down or refuses the write.
     */
    OptionalLong bumpCounter(String key, long initial);

    /**
     * Deletes the counter under {@code key}; true when the tier did. A Redis full with {@code noeviction}, which
     * refuses {@link #bumpCounter}, still deletes: it frees memory.
     */
    boolean deleteCounter(String key);

    void publish(String channel, String message);

    /** Runs {@code listener} whenever the tier becomes reachable again after an outage. */
    void onReconnect(Runnable listener);

    @Override
    void close();
}
