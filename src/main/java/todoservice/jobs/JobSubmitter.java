package todoservice.jobs;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import todoservice.limits.Quotas;
import todoservice.ops.Sha256;
import todoservice.web.ApiException;
import todoservice.web.IdempotencyKey;

/**
 * Turns API requests into queued jobs and answers {@code 202 Accepted} with the job and its {@code Location}. An
 * {@code Idempotency-Key} gives the same job for the same request (the answer then carries
 * {@code Idempotent-Replayed: true}); reused for a different request it is a 422, as for todos.
 */
public final class JobSubmitter {

    private final Optional<JobQueue> queue;
    private final Quotas quotas;

    /**
     * {@code queue} is empty when no Redis is configured: every submission is then a 503 that says so. {@code
     * quotas} bound each owner's unfinished jobs.
     */
    public JobSubmitter(Optional<JobQueue> queue, Quotas quotas) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
    }

    public JobQueue queue() {
        return queue.orElseThrow(() -> JobQueueUnavailableException.notConfigured(
                "Background jobs are not configured on this server (no JOBS_REDIS_URI or REDIS_URI)."));
    }

    /**
     * Queues a job and answers for it. {@code request} describes the request for the idempotency check (e.g. the
     * upload's SHA-256 and format).
     */
    public Response submit(String ownerId, String type, Map<String, String> params, Optional<String> idempotencyKey,
            String request, UriInfo uri) {
        return accepted(enqueue(ownerId, type, params, idempotencyKey, request), uri);
    }

    /** Queues a job, or finds the one an earlier request with the same idempotency key queued. */
    public JobQueue.Submitted enqueue(String ownerId, String type, Map<String, String> params,
            Optional<String> idempotencyKey, String request) {
        return enqueue(ownerId, type, params, idempotencyKey, request, quotas.queuedJobs(ownerId));
    }

    /**
     * Queues a job whatever the owner's quota of unfinished jobs: for what must never wait behind the owner's own
     * jobs, such as deleting the account.
     */
    public Response submitBeyondQuota(String ownerId, String type, Map<String, String> params, UriInfo uri) {
        return accepted(enqueue(ownerId, type, params, Optional.empty(), "", 0), uri);
    }

    private JobQueue.Submitted enqueue(String ownerId, String type, Map<String, String> params,
            Optional<String> idempotencyKey, String request, int mostUnfinished) {
        Optional<String> key = idempotencyKey.map(IdempotencyKey::check);
        String fingerprint = fingerprint(type, request);
        JobQueue.Submitted submitted = queue().enqueueWithin(NewJob.now(ownerId, type, params, key, fingerprint),
                mostUnfinished).orElseThrow(quotas::queuedJobsReached);
        if (!submitted.created() && !submitted.job().fingerprint().equals(fingerprint)) {
            throw new ApiException(422, "This Idempotency-Key was already used for a different request.");
        }
        return submitted;
    }

    public static Response accepted(JobQueue.Submitted submitted, UriInfo uri) {
        Job job = submitted.job();
        Response.ResponseBuilder answer = Response.accepted(JobJson.of(job, uri))
                .location(uri.getBaseUriBuilder().path(JobResource.PATH).path(job.id()).build());
        if (!submitted.created()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    static String fingerprint(String type, String request) {
        return Sha256.hexOf(type, request);
    }
}
