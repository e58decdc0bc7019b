package todoservice.todo.transfer;

import com.mongodb.client.gridfs.GridFSUploadStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import todoservice.auth.Owner;
import todoservice.jobs.Job;
import todoservice.jobs.JobContext;
import todoservice.jobs.JobFiles;
import todoservice.jobs.JobHandler;
import todoservice.jobs.JobResult;
import todoservice.todo.Todo;
import todoservice.todo.TodoStore;

/**
 * {@code POST /todo/export?format=json|csv}: writes all the owner's todos, oldest first (importing the file gives
 * the same list back), into a file of the job file store, which {@code GET /jobs/{id}/result} downloads. A failed attempt deletes its partial file; a retry
 * writes a new one, and only the attempt that succeeds links its file to the job.
 */
public final class ExportTodosJob implements JobHandler {

    public static final String TYPE = "export";
    static final String FORMAT = "format";
    /** Progress is recorded (and the attempt checked) every this many todos. */
    private static final int PROGRESS_EVERY = 1000;

    private final TodoStore store;
    private final JobFiles files;

    public ExportTodosJob(TodoStore store, JobFiles files) {
        this.store = Objects.requireNonNull(store, "store");
        this.files = Objects.requireNonNull(files, "files");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JobResult run(JobContext context) throws IOException {
        Job job = context.job();
        ExportFormat format = ExportFormat.valueOf(job.param(FORMAT));
        Owner owner = new Owner(job.ownerId());
        long total = store.count(owner, java.util.Optional.empty());
        context.progress(0, total, 0);
        long[] done = new long[1];
        GridFSUploadStream out = files.create(job.ownerId(), "todos-" + job.id() + "." + format.fileExtension(),
                format.mediaType());
        try (ExportWriter writer = ExportWriter.open(out, format)) {
            store.forEachOldestFirst(owner, todo -> {
                write(writer, todo);
                if (++done[0] % PROGRESS_EVERY == 0) {
                    context.progress(done[0], Math.max(total, done[0]), 0);
                }
            });
            writer.finish();
        } catch (UncheckedIOException e) {
            JobFiles.abort(out);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            JobFiles.abort(out);
            throw e;
        }
        out.close();
        context.progress(done[0], done[0], 0);
        return JobResult.file(out.getObjectId().toHexString());
    }

    private static void write(ExportWriter writer, Todo todo) {
        try {
            writer.write(new ExportRow(todo.id().toHexString(), todo.content(), todo.createdAt(), todo.finished(),
                    todo.finishedAt()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
