package todoservice.todo.transfer;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import todoservice.auth.Owner;
import todoservice.jobs.Job;
import todoservice.jobs.JobContext;
import todoservice.jobs.JobHandler;
import todoservice.jobs.JobResult;
import todoservice.todo.TodoStore;

/**
 * {@code PATCH /todo} with {@code {"is_finished": …}}: finishes (or reopens) every todo of the owner, however many
 * pages they fill (the web page's toggle-all). Repeating it changes nothing more, so a retried attempt is harmless;
 * the store invalidates the owner's cache.
 */
public final class MarkTodosJob implements JobHandler {

    public static final String TYPE = "mark";
    static final String FINISHED = "finished";

    private final TodoStore store;
    private final Clock clock;

    public MarkTodosJob(TodoStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JobResult run(JobContext context) {
        Job job = context.job();
        boolean finished = Boolean.parseBoolean(job.param(FINISHED));
        Owner owner = new Owner(job.ownerId());
        long total = store.count(owner, Optional.of(!finished));
        context.progress(0, total, 0);
        long marked = store.markAll(owner, finished, clock.instant());
        context.progress(marked, Math.max(total, marked), 0);
        return JobResult.report("{\"changed\":" + marked + "}");
    }
}
