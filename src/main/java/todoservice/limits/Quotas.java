package todoservice.limits;

import java.util.Map;
import java.util.Objects;
import java.util.function.LongUnaryOperator;
import todoservice.config.LimitSettings;
import todoservice.web.ApiException;

/**
 * What an account may keep at once: todos, stored job files (uploads and exports), unfinished jobs. Each check
 * counts only up to the quota, so its cost does not grow with what an account holds. Two requests racing at the
 * last free place may both pass: a quota is a fair-use bound, not an invariant. The development owner
 * ({@code AUTH_ANONYMOUS}) has none: it is one person's own machine.
 */
public final class Quotas {

    private final LimitSettings settings;
    private final String unlimitedOwner;

    public Quotas(LimitSettings settings, String unlimitedOwner) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.unlimitedOwner = Objects.requireNonNull(unlimitedOwner, "unlimitedOwner");
    }

    /** Refuses with a 403 when {@code owner} has its quota of todos; {@code countUpTo(n)} counts them up to n. */
    public void ensureRoomForTodo(String owner, LongUnaryOperator countUpTo) {
        if (roomForTodos(owner, countUpTo) == 0) {
            throw full("todos", "This account has " + settings.maxTodos() + " todos, its quota; delete some"
                    + " (finished ones first) before adding more.");
        }
    }

    /** How many more todos {@code owner} may store: {@link Long#MAX_VALUE} without a quota. */
    public long roomForTodos(String owner, LongUnaryOperator countUpTo) {
        return room(owner, settings.maxTodos(), countUpTo);
    }

    /** Refuses with a 403 when {@code owner} keeps its quota of job files (uploads waiting, exports to fetch). */
    public void ensureRoomForJobFile(String owner, LongUnaryOperator countUpTo) {
        if (room(owner, settings.maxJobFiles(), countUpTo) == 0) {
            throw full("job_files", "This account keeps " + settings.maxJobFiles() + " job files (imports and"
                    + " exports), its quota; each is deleted when its job's retention (JOBS_RETENTION) ends.");
        }
    }

    /** The most unfinished jobs {@code owner} may have, 0 for no limit: the queue checks it as it enqueues. */
    public int queuedJobs(String owner) {
        return unlimitedOwner.equals(owner) ? 0 : settings.maxQueuedJobs();
    }

    /** The queue's refusal, a 429: the quota frees itself as jobs end. */
    public ApiException queuedJobsReached() {
        return ApiException.limitReached(429, "queued_jobs", "This account has " + settings.maxQueuedJobs()
                + " jobs queued or running, its quota; wait for one to end.", Map.of("Retry-After", "5"));
    }

    private long room(String owner, int quota, LongUnaryOperator countUpTo) {
        if (quota == 0 || unlimitedOwner.equals(owner)) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, quota - countUpTo.applyAsLong(quota));
    }

    private static ApiException full(String limit, String detail) {
        return ApiException.limitReached(403, limit, detail, Map.of());
    }
}
