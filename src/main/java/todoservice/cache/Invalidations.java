package todoservice.cache;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How writes reach every node's reads: a write bumps its owner's generation and announces it over pub/sub; an
 * announcement from another node moves this node to the new generation at once; bumps that failed while the
 * shared tier was down are replayed, and an outage ends by retiring everything the shared tier holds.
 */
final class Invalidations {

    private static final Logger log = LoggerFactory.getLogger(Invalidations.class);

    private final Generations generations;
    private final SharedTier shared;
    private final CacheKeys keys;
    private final LocalTier l1;
    private final MonotonicTime time;
    private final CacheMetrics metrics;

    Invalidations(Generations generations, SharedTier shared, CacheKeys keys, LocalTier l1, MonotonicTime time,
            CacheMetrics metrics) {
        this.generations = Objects.requireNonNull(generations, "generations");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.l1 = Objects.requireNonNull(l1, "l1");
        this.time = Objects.requireNonNull(time, "time");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** See {@link TwoTierCache#ownerChanged}; returns the generation announced, empty when none was. */
    OptionalLong ownerChanged(String owner) {
        OptionalLong generation = generations.bump(owner);
        // A failed bump is seen only here (no other node can learn of it), so there is nothing to wait for.
        if (generation.isPresent()) {
            long bumpAnswered = time.nanos();
            announce(owner, generation.getAsLong());
            generations.outlastReuses(bumpAnswered);
        }
        return generation;
    }

    private void announce(String owner, long generation) {
        shared.publish(keys.invalidationChannel(owner), new Invalidation(owner, generation).message());
        metrics.invalidationSent();
    }

    /** Another node's write, announced as "owner generation"; returns it, empty when malformed. */
    Optional<Invalidation> received(String message) {
        Optional<Invalidation> invalidation = Invalidation.parse(message);
        if (invalidation.isEmpty()) {
            log.warn("Ignoring a malformed invalidation message");
            return invalidation;
        }
        generations.observe(invalidation.get().owner(), invalidation.get().generation());
        metrics.invalidationReceived();
        return invalidation;
    }

    /** Replays the bumps that failed while the shared tier could not be reached, and announces them. */
    void replay() {
        generations.replayBumps().forEach(replayed -> announce(replayed.getKey(), replayed.getValue()));
    }

    /** The shared tier answers again: bump the epoch, replay failed bumps, flush L1. */
    void afterOutage() {
        generations.outageEnded();
        replay();
        l1.clear();
        log.info("Shared cache tier reachable again: epoch bumped, L1 flushed");
    }
}
