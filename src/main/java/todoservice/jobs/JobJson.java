package todoservice.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Instant;

/** A job as the API shows it; times are epoch seconds with a fraction, as for todos. */
public record JobJson(
        String id,
        String type,
        String state,
        Progress progress,
        int attempts,
        String error,
        String result,
        @JsonProperty("cancel_requested") boolean cancelRequested,
        @JsonProperty("created_at") BigDecimal createdAt,
        @JsonProperty("updated_at") BigDecimal updatedAt) {

    /** {@code total} is 0 until the job has counted its work. */
    public record Progress(long done, long total) {
    }

    public static JobJson of(Job job, UriInfo uri) {
        String result = job.state() == JobState.SUCCEEDED
                ? uri.getBaseUriBuilder().path(JobResource.PATH).path(job.id()).path("result").build().toString()
                : null;
        return new JobJson(job.id(), job.type(), job.state().wireName(), new Progress(job.done(), job.total()),
                job.attempts(), job.error().orElse(null), result, job.cancelRequested(), seconds(job.createdAt()),
                seconds(job.updatedAt()));
    }

    private static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
