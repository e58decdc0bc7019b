package todoservice.todo.transfer;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import todoservice.auth.Owner;
import todoservice.jobs.JobSubmitter;
import todoservice.todo.TodoJobs;

/**
 * {@code DELETE /todo?finished=…} as a {@link ClearTodosJob} and {@code PATCH /todo} as a {@link MarkTodosJob} on
 * the job queue.
 */
public final class TodoBulkJobs implements TodoJobs {

    private final JobSubmitter jobs;

    public TodoBulkJobs(JobSubmitter jobs) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    @Override
    public Response deleteAll(Owner owner, boolean finished, Optional<String> idempotencyKey, UriInfo uri) {
        return jobs.submit(owner.id(), ClearTodosJob.TYPE, Map.of(ClearTodosJob.FINISHED, Boolean.toString(finished)),
                idempotencyKey, "finished=" + finished, uri);
    }

    @Override
    public Response markAll(Owner owner, boolean finished, Optional<String> idempotencyKey, UriInfo uri) {
        return jobs.submit(owner.id(), MarkTodosJob.TYPE, Map.of(MarkTodosJob.FINISHED, Boolean.toString(finished)),
                idempotencyKey, "is_finished=" + finished, uri);
    }
}
