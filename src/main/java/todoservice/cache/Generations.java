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
 * Each owner's generation (and the global epoch), read from the shared tier: a write acknowledged by any node has
 * bumped it before its answer left, so the next read anywhere uses new keys (read-your-writes across nodes).
 * <p>
 * A stamp read from the shared tier is reused for {@code reuseNanos}, counted from before the read was sent; every
 * bump is acknowledged only after as long has passed since its answer (a read lease, Gray &amp; Cheriton 1989). A
 * reused stamp was read after every bump whose write is acknowledged already, so a read arriving anywhere after a
 * write's answer still sees it, with one Redis round trip per owner per {@code reuseNanos} per node instead of one
 * per read. Reuse 0 asks the shared tier on every read.
 * <p>
 * When a bump fails (Redis down or hanging), the node counts on locally, uses its own count for that owner, and
 * replays the bump into the shared tier as soon as it answers again.
 */
final class Generations {

    private record Reusable(Stamp stamp, long untilNanos) {
    }

    private final SharedTier shared;
    private final Clock clock;
    private final MonotonicTime time;
    private final long reuseNanos;
    private final CacheMetrics metrics;
    private final Map<String, Stamp> lastKnown = new ConcurrentHashMap<>();
    private final Map<String, Reusable> reusable = new ConcurrentHashMap<>();
    private final Set<String> bumpedWhileDown = ConcurrentHashMap.newKeySet();
    private final AtomicLong outagesEnded = new AtomicLong();

    Generations(SharedTier shared, Clock clock, MonotonicTime time, long reuseNanos, CacheMetrics metrics) {
        this.shared = shared;
        this.clock = clock;
        this.time = time;
        this.reuseNanos = reuseNanos;
        this.metrics = metrics;
    }

    Stamp current(String owner) {
        if (bumpedWhileDown.contains(owner)) {
            // This node's write is not in the shared tier yet: its own count is the newer one.
            return lastKnown.get(owner);
        }
        long asked = time.nanos();
        Reusable reuse = reusable.get(owner);
        if (reuse != null && asked - reuse.untilNanos() < 0) {
            metrics.generationRead(true);
            return reuse.stamp();
        }
        metrics.generationRead(false);
        long outages = outagesEnded.get();
        Optional<long[]> counters = read(owner);
        if (counters.isPresent() && outagesEnded.get() != outages) {
            // This very call ended an outage and bumped the epoch: read the new one.
            counters = read(owner);
        }
        if (counters.isPresent()) {
            Stamp stamp = new Stamp(counters.get()[0], counters.get()[1]);
            lastKnown.put(owner, stamp);
            if (reuseNanos > 0) {
                reusable.put(owner, new Reusable(stamp, asked + reuseNanos));
            }
            return stamp;
        }
        return lastKnown.computeIfAbsent(owner, o -> new Stamp(0, initial()));
    }

    private Optional<long[]> read(String owner) {
        return shared.counters(List.of(CacheKeys.EPOCH, CacheKeys.generation(owner)), initial());
    }

    /**
     * Bumps the owner's generation; returns the shared tier's new value, empty while it cannot be reached. Before
     * the write is acknowledged, {@link #outlastReuses} must have returned.
     */
    OptionalLong bump(String owner) {
        // The next read here asks the shared tier: this bump's answer carries the generation, not the epoch.
        reusable.remove(owner);
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

    /**
     * Waits until every stamp read before a bump answered at {@code bumpAnsweredNanos} has stopped being reused,
     * on any node (each counts its reuse from before its read was sent, so none outlasts this wait).
     */
    void outlastReuses(long bumpAnsweredNanos) {
        if (reuseNanos > 0) {
            time.sleepUntil(bumpAnsweredNanos + reuseNanos);
        }
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
        reusable.clear();
        shared.bumpCounter(CacheKeys.EPOCH, initial());
        outagesEnded.incrementAndGet();
    }

    /**
     * A generation announced by another node's write (pub/sub). Only ever moves forward; it is what this node
     * uses if the shared tier becomes unreachable before its next read. An older stamp stops being reused at once,
     * so the write shows here before its node has even acknowledged it, as a rule.
     */
    void observe(String owner, long generation) {
        lastKnown.computeIfPresent(owner, (o, stamp) -> generation > stamp.generation()
                ? new Stamp(stamp.epoch(), generation) : stamp);
        reusable.computeIfPresent(owner, (o, reuse) -> generation > reuse.stamp().generation() ? null : reuse);
    }

    /**
     * Counters start from the clock, so one lost with Redis's memory restarts above every value it had before
     * (unless it was bumped more than a thousand times per millisecond of its life).
     */
    private long initial() {
        return clock.millis() * 1000;
    }
}
