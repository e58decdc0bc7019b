package todoservice.todo.transfer;

import java.util.Objects;
import java.util.Optional;
import todoservice.auth.Owner;
import todoservice.jobs.Job;
import todoservice.jobs.JobContext;
import todoservice.jobs.JobHandler;
import todoservice.jobs.JobResult;
import todoservice.todo.TodoStore;

/**
 * {@code DELETE /todo?finished=…}: deletes the owner's finished (or unfinished) todos. Repeating it deletes
 * nothing more, so a retried attempt is harmless; the store invalidates the owner's cache.
 */
public final class ClearTodosJob implements JobHandler {

    public static final String TYPE = "clear";
    static final String FINISHED = "finished";

    private final TodoStore store;

    public ClearTodosJob(TodoStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JobResult run(JobContext context) {
        Job job = context.job();
        Optional<Boolean> finished = Optional.of(Boolean.parseBoolean(job.param(FINISHED)));
        Owner owner = new Owner(job.ownerId());
        long total = store.count(owner, finished);
        context.progress(0, total, 0);
        long deleted = store.deleteAll(owner, finished);
        context.progress(deleted, Math.max(total, deleted), deleted);
        return JobResult.report("{\"deleted\":" + deleted + "}");
    }
}
