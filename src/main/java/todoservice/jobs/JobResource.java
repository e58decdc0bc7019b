package todoservice.jobs;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import org.bson.types.ObjectId;
import todoservice.auth.OwnerResolver;
import todoservice.auth.Scope;
import todoservice.web.ApiException;
import todoservice.web.QueryParams;

/** {@code /jobs}: the caller's jobs, their results, and cancellation. Another owner's job is a 404. */
@Path(JobResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class JobResource {

    public static final String PATH = "jobs";

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final JobSubmitter jobs;
    private final JobFiles files;
    private final OwnerResolver owners;

    public JobResource(JobSubmitter jobs, JobFiles files, OwnerResolver owners) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.files = Objects.requireNonNull(files, "files");
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    @GET
    public Map<String, Object> recent(@QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        int size = QueryParams.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        return Map.of("data", jobs.queue().recent(owners.resolve(authorization, Scope.READ).id(), size).stream()
                .map(job -> JobJson.of(job, uri)).toList());
    }

    @GET
    @Path("{id}")
    public JobJson get(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        return JobJson.of(find(owners.resolve(authorization, Scope.READ).id(), id), uri);
    }

    @GET
    @Path("{id}/result")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", MediaType.WILDCARD})
    public Response result(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Job job = find(owners.resolve(authorization, Scope.READ).id(), id);
        if (job.state() != JobState.SUCCEEDED || job.result().isEmpty()) {
            throw ApiException.conflict("The job has no result: it is "
                    + job.state().wireName() + job.error().map(error -> " (" + error + ")").orElse("") + ".");
        }
        if (JobResult.REPORT.equals(job.resultKind().orElse(""))) {
            return Response.ok(job.result().get(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        JobFiles.StoredFile file = files.find(new ObjectId(job.result().get())).orElseThrow(() ->
                ApiException.notFound("The job's result file has expired."));
        StreamingOutput body = out -> {
            try (InputStream in = files.open(file.id())) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, file.contentType())
                .header("Content-Length", file.length())
                .header("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"")
                .build();
    }

    /** 200 when the job was cancelled before it started, 202 when a running job was asked to stop. */
    @DELETE
    @Path("{id}")
    public Response cancel(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        String owner = owners.resolve(authorization, Scope.WRITE).id();
        JobQueue.CancelOutcome outcome = jobs.queue().cancel(owner, id);
        if (outcome == JobQueue.CancelOutcome.NOT_FOUND) {
            throw notFound();
        }
        Job job = find(owner, id);
        if (outcome == JobQueue.CancelOutcome.ALREADY_ENDED) {
            throw ApiException.conflict(
                    "The job already ended: it " + job.state().wireName() + ".");
        }
        return Response.status(outcome == JobQueue.CancelOutcome.CANCELLED ? 200 : 202)
                .entity(JobJson.of(job, uri)).build();
    }

    private Job find(String owner, String id) {
        return jobs.queue().find(owner, id).orElseThrow(JobResource::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("There is no such job.");
    }
}
