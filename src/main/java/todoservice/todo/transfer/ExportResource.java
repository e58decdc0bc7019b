package todoservice.todo.transfer;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import todoservice.auth.OwnerResolver;
import todoservice.auth.Scope;
import todoservice.jobs.JobFiles;
import todoservice.jobs.JobSubmitter;
import todoservice.limits.Quotas;
import todoservice.todo.TodoException;

/** {@code POST /todo/export?format=json|csv} (JSON when absent): queues an export job, 202 with its Location. */
@Path(ExportResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class ExportResource {

    public static final String PATH = "todo/export";

    private final JobSubmitter jobs;
    private final JobFiles files;
    private final OwnerResolver owners;
    private final Quotas quotas;

    public ExportResource(JobSubmitter jobs, JobFiles files, OwnerResolver owners, Quotas quotas) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.files = Objects.requireNonNull(files, "files");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
    }

    @POST
    public Response export(@QueryParam("format") String format,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        ExportFormat chosen = format == null || format.isEmpty()
                ? ExportFormat.JSON
                : ExportFormat.parse(format).orElseThrow(() -> TodoException.invalid("format must be json or csv."));
        String owner = owners.resolve(authorization, Scope.WRITE).id();
        // The export's file is written by the worker; refusing here keeps the job from failing there.
        quotas.ensureRoomForJobFile(owner, most -> files.countOwned(owner, most));
        return jobs.submit(owner, ExportTodosJob.TYPE,
                Map.of(ExportTodosJob.FORMAT, chosen.name()), Optional.ofNullable(idempotencyKey),
                "format=" + chosen.name(), uri);
    }
}
