package todoservice.todo.transfer;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;
import todoservice.auth.OwnerResolver;
import todoservice.auth.Scope;
import todoservice.jobs.JobFiles;
import todoservice.jobs.JobQueue;
import todoservice.jobs.JobSubmitter;
import todoservice.limits.Quotas;
import todoservice.todo.TodoException;

/**
 * {@code POST /todo/import}: the upload (NDJSON, a JSON array or CSV, by {@code Content-Type}) is streamed into the
 * job file store, then an import job is queued: 202 with its {@code Location}. When the queue cannot take the job
 * the upload is deleted again, so a 503 leaves nothing behind.
 */
@Path(ImportResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class ImportResource {

    public static final String PATH = "todo/import";

    private final JobSubmitter jobs;
    private final JobFiles files;
    private final OwnerResolver owners;
    private final Quotas quotas;
    private final long maxBytes;

    public ImportResource(JobSubmitter jobs, JobFiles files, OwnerResolver owners, Quotas quotas, long maxBytes) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.files = Objects.requireNonNull(files, "files");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.maxBytes = maxBytes;
    }

    @POST
    @Consumes({"application/x-ndjson", MediaType.APPLICATION_JSON, "text/csv"})
    public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        ImportFormat format = ImportFormat.forMediaType(contentType).orElseThrow(() -> TodoException.invalid(
                "Send the file as application/x-ndjson, application/json or text/csv."));
        Owner owner = owners.resolve(authorization, Scope.WRITE);
        jobs.queue(); // without any queue configured, refuse before storing the upload
        quotas.ensureRoomForJobFile(owner.id(), most -> files.countOwned(owner.id(), most));
        UploadDigest upload = new UploadDigest(body, maxBytes);
        ObjectId file;
        try {
            file = files.store(owner.id(), "import-" + owner.id() + ".upload", format.mediaType(), upload);
        } catch (IOException e) {
            throw TodoException.invalid("The upload broke off before its end; nothing was stored.");
        }
        try {
            JobQueue.Submitted submitted = jobs.enqueue(owner.id(), ImportTodosJob.TYPE,
                    Map.of(ImportTodosJob.UPLOAD, file.toHexString(), ImportTodosJob.FORMAT, format.name()),
                    Optional.ofNullable(idempotencyKey), format.name() + ":" + upload.sha256());
            if (!submitted.created()) {
                files.delete(file); // the earlier job has its own copy
            }
            return JobSubmitter.accepted(submitted, uri);
        } catch (RuntimeException e) {
            files.delete(file);
            throw e;
        }
    }
}
