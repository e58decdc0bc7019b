package todoservice.cache;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each owner's generation, read from the shared tier on every cached read: a write acknowledged by any node has
 * bumped it before its answer left, so the next read anywhere uses new keys (read-your-writes across nodes).
 * When the shared tier is down, a node keeps its own count, bumps it on its own writes and remembers them, so it
 * can bump the shared generation once the tier is back (before serving from it again).
 */
final class Generations {

    private final SharedTier shared;
    private final Clock clock;
    private final Map<String, Long> lastKnown = new ConcurrentHashMap<>();
    private final Set<String> bumpedWhileDown = ConcurrentHashMap.newKeySet();

    Generations(SharedTier shared, Clock clock) {
        this.shared = shared;
        this.clock = clock;
    }

    long current(String owner) {
        OptionalLong shared = this.shared.generation(CacheKeys.generation(owner), initial());
        if (shared.isPresent()) {
            long generation = shared.getAsLong();
            lastKnown.put(owner, generation);
            return generation;
        }
        return lastKnown.computeIfAbsent(owner, o -> initial());
    }

    /** Bumps the owner's generation; returns the shared tier's new value, empty while it is down. */
    OptionalLong bump(String owner) {
        OptionalLong bumped = shared.bumpGeneration(CacheKeys.generation(owner), initial());
        if (bumped.isPresent()) {
            lastKnown.put(owner, bumped.getAsLong());
        } else {
            lastKnown.merge(owner, initial() + 1, (old, ignored) -> old + 1);
            bumpedWhileDown.add(owner);
        }
        return bumped;
    }

    /**
     * A generation announced by another node's write (pub/sub). Only ever moves forward; it is what this node
     * uses if the shared tier becomes unreachable before its next read.
     */
    void observe(String owner, long generation) {
        lastKnown.merge(owner, generation, Math::max);
    }

    /** After an outage: bump in the shared tier what this node changed while it could not. */
    void publishBumpsMadeWhileDown() {
        for (String owner : Set.copyOf(bumpedWhileDown)) {
            if (shared.bumpGeneration(CacheKeys.generation(owner), initial()).isPresent()) {
                bumpedWhileDown.remove(owner);
            }
        }
    }

    /**
     * A generation that starts from the clock, so a counter lost with Redis's memory restarts above every value
     * it had before (unless it was bumped more than a thousand times per millisecond of its life).
     */
    private long initial() {
        return clock.millis() * 1000;
    }
}
