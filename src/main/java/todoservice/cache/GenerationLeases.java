package todoservice.cache;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * An owner's newest read of its counters on this node, and the one before it (null) while the newest may be in
 * flight: the older answered one keeps serving reads while a renewal is on its way.
 */
record GenerationLeases(Lease older, Lease newest) {

    /**
     * A read of an owner's counters, sent at {@code sentNanos}; its stamp is empty when the shared tier did not
     * answer. It serves the reads that begin within the reuse after it was sent (counted from before the send:
     * earlier is the safe side).
     */
    record Lease(long sentNanos, CompletableFuture<Optional<Stamp>> stamp) {

        boolean answered() {
            return stamp.getNow(Optional.empty()).isPresent();
        }

        boolean serves(long readBeganNanos, long reuseNanos) {
            return readBeganNanos - (sentNanos + reuseNanos) < 0;
        }

        /** In the second half of its reuse: time to renew it in the background. */
        boolean renewalDue(long readBeganNanos, long reuseNanos) {
            return readBeganNanos - (sentNanos + reuseNanos / 2) >= 0;
        }
    }

    /** The newest answered lease that serves a read begun at {@code readBeganNanos}; null when none does. */
    Lease newestAnsweredServing(long readBeganNanos, long reuseNanos) {
        if (newest.answered() && newest.serves(readBeganNanos, reuseNanos)) {
            return newest;
        }
        return older != null && older.answered() && older.serves(readBeganNanos, reuseNanos) ? older : null;
    }

    /** Keeps the leases that pass; null when none does. */
    GenerationLeases keeping(Predicate<Lease> keep) {
        Lease keptOlder = older != null && keep.test(older) ? older : null;
        if (keep.test(newest)) {
            return new GenerationLeases(keptOlder, newest);
        }
        return keptOlder == null ? null : new GenerationLeases(null, keptOlder);
    }
}
