package todoservice.cache;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import todoservice.cache.CacheKeys.Stamp;

/**
 * Each owner's generation (and the global epoch), read from the shared tier on every cached read: a write
 * acknowledged by any node has bumped it before its answer left, so the next read anywhere uses new keys
 * (read-your-writes across nodes). When a bump fails (Redis down or hanging), the node counts on locally, uses
 * its own count for that owner, and replays the bump into the shared tier as soon as it answers again.
 */
final class Generations {

    private final SharedTier shared;
    private final Clock clock;
    private final Map<String, Stamp> lastKnown = new ConcurrentHashMap<>();
    private final Set<String> bumpedWhileDown = ConcurrentHashMap.newKeySet();
    private final AtomicLong outagesEnded = new AtomicLong();

    Generations(SharedTier shared, Clock clock) {
        this.shared = shared;
        this.clock = clock;
    }

    Stamp current(String owner) {
        if (bumpedWhileDown.contains(owner)) {
            // This node's write is not in the shared tier yet: its own count is the newer one.
            return lastKnown.get(owner);
        }
        long outages = outagesEnded.get();
        Optional<long[]> counters = read(owner);
        if (counters.isPresent() && outagesEnded.get() != outages) {
            // This very call ended an outage and bumped the epoch: read the new one.
            counters = read(owner);
        }
        if (counters.isPresent()) {
            Stamp stamp = new Stamp(counters.get()[0], counters.get()[1]);
            lastKnown.put(owner, stamp);
            return stamp;
        }
        return lastKnown.computeIfAbsent(owner, o -> new Stamp(0, initial()));
    }

    private Optional<long[]> read(String owner) {
        return shared.counters(List.of(CacheKeys.EPOCH, CacheKeys.generation(owner)), initial());
    }

    /** Bumps the owner's generation; returns the shared tier's new value, empty while it cannot be reached. */
    OptionalLong bump(String owner) {
        OptionalLong bumped = shared.bumpCounter(CacheKeys.generation(owner), initial());
        if (bumped.isPresent()) {
            lastKnown.compute(owner, (o, old) -> new Stamp(old == null ? 0 : old.epoch(), bumped.getAsLong()));
        } else {
            lastKnown.compute(owner, (o, old) -> old == null
                    ? new Stamp(0, initial() + 1)
                    : new Stamp(old.epoch(), old.generation() + 1));
            bumpedWhileDown.add(owner);
        }
        return bumped;
    }

    boolean hasBumpsToReplay() {
        return !bumpedWhileDown.isEmpty();
    }

    /** Replays into the shared tier the bumps that failed; returns each owner replayed with its new generation. */
    List<Map.Entry<String, Long>> replayBumps() {
        List<Map.Entry<String, Long>> replayed = new ArrayList<>();
        for (String owner : Set.copyOf(bumpedWhileDown)) {
            OptionalLong generation = shared.bumpCounter(CacheKeys.generation(owner), initial());
            if (generation.isEmpty()) {
                break;
            }
            bumpedWhileDown.remove(owner);
            replayed.add(Map.entry(owner, generation.getAsLong()));
        }
        return replayed;
    }

    /**
     * After an outage this node saw: bumps the epoch, which retires every entry in the shared tier, since writes
     * made meanwhile (here, or on a node that has died since) could not invalidate them.
     */
    void outageEnded() {
        shared.bumpCounter(CacheKeys.EPOCH, initial());
        outagesEnded.incrementAndGet();
    }

    /**
     * A generation announced by another node's write (pub/sub). Only ever moves forward; it is what this node
     * uses if the shared tier becomes unreachable before its next read.
     */
    void observe(String owner, long generation) {
        lastKnown.computeIfPresent(owner, (o, stamp) -> generation > stamp.generation()
                ? new Stamp(stamp.epoch(), generation) : stamp);
    }

    /**
     * Counters start from the clock, so one lost with Redis's memory restarts above every value it had before
     * (unless it was bumped more than a thousand times per millisecond of its life).
     */
    private long initial() {
        return clock.millis() * 1000;
    }
}
