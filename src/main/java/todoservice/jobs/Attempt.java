package todoservice.jobs;

import java.util.Objects;

/**
 * One run of a job by one worker: the stream entry it was delivered as and the fencing token that every write of
 * this run carries. A later attempt of the same job has a larger token.
 */
public record Attempt(Job job, String entryId, long fence) {

    public Attempt {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(entryId, "entryId");
    }
}
