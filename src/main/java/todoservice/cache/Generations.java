package todoservice.cache;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import todoservice.cache.GenerationLeases.Lease;

/**
 * Each owner's generation (and the global epoch), read from the shared tier: a write acknowledged by any node has
 * bumped it before its answer left, so the next read anywhere uses new keys (read-your-writes across nodes).
 * <p>
 * One read of the shared tier serves every read of the owner on this node that begins less than {@code reuseNanos}
 * after it was sent, whether it has answered yet or not (the later ones wait for it); every bump is acknowledged
 * only after as long has passed since its answer (a read lease, Gray &amp; Cheriton 1989). So a read that begins
 * anywhere after a write's answer uses a stamp read after that write's bump: read-your-writes holds, with one Redis
 * round trip (two for an owner read all the time, see below) per owner per {@code reuseNanos} per node instead of
 * one per read, however slow the round trip is under load. Reuse 0 asks the shared tier on every read.
 * <p>
 * A read that begins in the second half of the newest answered read's reuse has it renewed in the background and
 * goes on, as do the reads after it, with the answered one. Under load a request thread woken by Redis's answer
 * waits its turn behind the other request threads, often longer than the reuse (measured: it was the most common
 * reason a request thread blocked); a renewal thread that mostly sleeps is run at once when woken, and the reads
 * of a hot owner never stop to wait for the shared tier: a read waits only when no answered read serves it.
 * <p>
 * When a bump fails (Redis down or hanging), the node counts on locally, uses its own count for that owner, and
 * replays the bump into the shared tier as soon as it answers again. When the shared tier answers but refuses to
 * store (a Redis full with noeviction), the bump deletes the counter instead, which such a Redis still does: every
 * node then reads the clock's value as the generation, new keys for every read, until a counter can be stored.
 */
final class Generations {

    private static final long MILLISECOND = 1_000_000;

    private final SharedTier shared;
    private final CacheKeys keys;
    private final Clock clock;
    private final MonotonicTime time;
    private final long reuseNanos;
    private final CacheMetrics metrics;
    private final Executor renewals;
    private final Map<String, Stamp> lastKnown = new ConcurrentHashMap<>();
    private final Map<String, GenerationLeases> leases = new ConcurrentHashMap<>();
    private final Set<String> bumpedWhileDown = ConcurrentHashMap.newKeySet();
    private final AtomicLong outagesEnded = new AtomicLong();

    Generations(SharedTier shared, CacheKeys keys, Clock clock, MonotonicTime time, long reuseNanos,
            CacheMetrics metrics, Executor renewals) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.time = Objects.requireNonNull(time, "time");
        this.reuseNanos = reuseNanos;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.renewals = Objects.requireNonNull(renewals, "renewals");
    }

    Stamp current(String owner) {
        if (bumpedWhileDown.contains(owner)) {
            // This node's write is not in the shared tier yet: its own count is the newer one.
            return lastKnown.get(owner);
        }
        if (reuseNanos == 0) {
            metrics.generationRead(false);
            return ask(owner).orElseGet(() -> lastKnownOrInitial(owner));
        }
        long began = time.nanos();
        GenerationLeases held = leases.get(owner);
        Lease answered = held == null ? null : held.newestAnsweredServing(began, reuseNanos);
        if (answered != null) {
            if (answered == held.newest() && answered.renewalDue(began, reuseNanos)) {
                // The sent time is taken before the read is sent: earlier is the safe side.
                Lease renewal = new Lease(began, new CompletableFuture<>());
                if (leases.replace(owner, held, new GenerationLeases(answered, renewal))) {
                    renew(owner, renewal);
                }
            }
            metrics.generationRead(true);
            return stampOf(answered, owner);
        }
        // No answered read serves this one: wait for a read in flight that does, or ask.
        Lease mine = new Lease(began, new CompletableFuture<>());
        Lease lease = leases.compute(owner, (o, old) -> old != null && old.newest().serves(began, reuseNanos)
                ? old : new GenerationLeases(null, mine)).newest();
        metrics.generationRead(lease != mine);
        return lease == mine
                ? askFor(owner, mine).orElseGet(() -> lastKnownOrInitial(owner))
                : stampOf(lease, owner);
    }

    private Stamp stampOf(Lease lease, String owner) {
        return lease.stamp().join().orElseGet(() -> lastKnownOrInitial(owner));
    }

    private void renew(String owner, Lease renewal) {
        metrics.generationRenewal();
        try {
            renewals.execute(() -> askFor(owner, renewal));
        } catch (RejectedExecutionException shuttingDown) {
            askFor(owner, renewal);
        }
    }

    private Optional<Stamp> askFor(String owner, Lease lease) {
        Optional<Stamp> stamp = Optional.empty();
        try {
            stamp = ask(owner);
        } finally {
            lease.stamp().complete(stamp);
            if (stamp.isEmpty()) {
                // Unanswered: the next read asks again.
                leases.computeIfPresent(owner, (o, held) -> held.newest() == lease ? null : held);
            }
        }
        return stamp;
    }

    private Optional<Stamp> ask(String owner) {
        long outages = outagesEnded.get();
        Optional<long[]> counters = read(owner);
        if (counters.isPresent() && outagesEnded.get() != outages) {
            // This very call ended an outage and bumped the epoch: read the new one.
            counters = read(owner);
        }
        Optional<Stamp> stamp = counters.map(values -> new Stamp(values[0], values[1]));
        // An answer read before this node's write (a renewal in flight during it) must not replace its newer count.
        stamp.ifPresent(known -> lastKnown.merge(owner, known, Stamp::later));
        return stamp;
    }

    private Stamp lastKnownOrInitial(String owner) {
        return lastKnown.computeIfAbsent(owner, o -> new Stamp(0, initial()));
    }

    private Optional<long[]> read(String owner) {
        return shared.counters(List.of(keys.epoch(), keys.generation(owner)), initial());
    }

    /**
     * Bumps the owner's generation; returns the shared tier's new value, empty while it cannot be reached. Before
     * the write is acknowledged, {@link #outlastReuses} must have returned.
     */
    OptionalLong bump(String owner) {
        // The next read here asks the shared tier: this bump's answer carries the generation, not the epoch.
        leases.remove(owner);
        OptionalLong bumped = shared.bumpCounter(keys.generation(owner), initial());
        if (bumped.isPresent()) {
            lastKnown.compute(owner, (o, old) -> new Stamp(old == null ? 0 : old.epoch(), bumped.getAsLong()));
            return bumped;
        }
        if (shared.deleteCounter(keys.generation(owner))) {
            // Reachable but refusing writes (full): without its counter, every node's next read uses the clock's
            // value as the generation (recreated from it once Redis stores again), above every value it had.
            long local = countLocally(owner);
            // Reads that find no counter use the clock's millisecond: none made before this answer may share it.
            time.sleepUntil(time.nanos() + MILLISECOND);
            return OptionalLong.of(local);
        }
        countLocally(owner);
        bumpedWhileDown.add(owner);
        return bumped;
    }

    /**
     * The owner's next generation as this node counts it while the shared tier cannot: from the clock, so it never
     * meets a value the shared counter reaches later (unless bumped a thousand times a millisecond).
     */
    private long countLocally(String owner) {
        return lastKnown.compute(owner, (o, old) -> old == null
                ? new Stamp(0, initial())
                : new Stamp(old.epoch(), Math.max(old.generation() + 1, initial()))).generation();
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
            OptionalLong generation = shared.bumpCounter(keys.generation(owner), initial());
            if (generation.isEmpty() && shared.deleteCounter(keys.generation(owner))) {
                // Back, but full: deleting the counter retires the owner's entries just as well (see bump).
                generation = OptionalLong.of(initial());
            }
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
        shared.bumpCounter(keys.epoch(), initial());
        // After the bump: every lease left was sent before it and may hold the retired epoch.
        leases.clear();
        outagesEnded.incrementAndGet();
    }

    /**
     * A generation announced by another node's write (pub/sub). Only ever moves forward; it is what this node
     * uses if the shared tier becomes unreachable before its next read. An older stamp stops being reused at once,
     * so the write shows here before its node has even acknowledged it, as a rule.
     */
    void observe(String owner, long generation) {
        lastKnown.computeIfPresent(owner, (o, stamp) -> Stamp.later(stamp, new Stamp(stamp.epoch(), generation)));
        leases.computeIfPresent(owner, (o, held) -> held.keeping(lease -> {
            Optional<Stamp> known = lease.stamp().getNow(Optional.empty());
            return known.isPresent() && known.get().generation() >= generation;
        }));
    }

    /**
     * Counters start from the clock, so one lost with Redis's memory restarts above every value it had before
     * (unless it was bumped more than a thousand times per millisecond of its life).
     */
    private long initial() {
        return clock.millis() * 1000;
    }
}
