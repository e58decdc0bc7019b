package todoservice.todo.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoGridFSException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;
import todoservice.jobs.Job;
import todoservice.jobs.JobContext;
import todoservice.jobs.JobFiles;
import todoservice.jobs.JobHandler;
import todoservice.jobs.JobResult;
import todoservice.jobs.PermanentJobFailure;
import todoservice.ops.Sha256;
import todoservice.todo.Todo;
import todoservice.todo.TodoException;
import todoservice.todo.TodoService;
import todoservice.todo.TodoStore;

/**
 * {@code POST /todo/import}: inserts the uploaded file's todos in batches, recording progress after each. Every
 * record's todo id is derived from the job id and the record's position, so a retried or reclaimed attempt that
 * inserts a batch again stores nothing twice; it also resumes after the last recorded batch. Malformed records are
 * reported with their line numbers; the good ones are imported.
 */
public final class ImportTodosJob implements JobHandler {

    public static final String TYPE = "import";
    static final String UPLOAD = "upload";
    static final String FORMAT = "format";
    /** The report lists this many problems at most; {@code problem_count} says how many there were. */
    static final int MAX_REPORTED_PROBLEMS = 1000;
    /** Three bytes of a todo id number the records of one import. */
    static final long MAX_RECORDS = 1L << 24;

    private final TodoStore store;
    private final TodoService rules;
    private final JobFiles files;
    private final ObjectMapper json;
    private final int batchSize;
    private final ImportReader reader = new ImportReader();

    public ImportTodosJob(TodoStore store, TodoService rules, JobFiles files, ObjectMapper json, int batchSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.files = Objects.requireNonNull(files, "files");
        this.json = Objects.requireNonNull(json, "json");
        this.batchSize = batchSize;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JobResult run(JobContext context) throws IOException {
        Job job = context.job();
        ObjectId upload = new ObjectId(job.param(UPLOAD));
        ImportFormat format = ImportFormat.valueOf(job.param(FORMAT));
        long total = read(upload, format, item -> { });
        if (total > MAX_RECORDS) {
            throw new PermanentJobFailure("The file holds " + total + " records; at most " + MAX_RECORDS
                    + " can be imported at once.");
        }
        long resumeFrom = context.resumeFrom();
        context.progress(resumeFrom, total, resumeFrom);
        Instant createdAt = job.createdAt().truncatedTo(ChronoUnit.MILLIS);
        byte[] idPrefix = idPrefix(job);
        Owner owner = new Owner(job.ownerId());
        List<Todo> batch = new ArrayList<>(batchSize);
        List<Map<String, Object>> problems = new ArrayList<>();
        long[] counts = new long[3]; // valid records, problems, records over the account's quota of todos
        read(upload, format, item -> {
            if (item instanceof ImportProblem problem) {
                problem(problems, counts, problem.line(), problem.message());
                return;
            }
            ImportRecord record = (ImportRecord) item;
            String content;
            try {
                content = rules.checkContent(record.content());
            } catch (TodoException e) {
                problem(problems, counts, record.line(), e.getMessage());
                return;
            }
            counts[0]++;
            if (record.index() < resumeFrom) {
                return; // stored by an earlier attempt, before its last checkpoint
            }
            batch.add(new Todo(importedId(idPrefix, record.index()), owner, content, createdAt, record.finished(),
                    record.finished() ? createdAt : null, null, 1));
            if (batch.size() == batchSize) {
                counts[2] += flush(context, owner, batch, record.index() + 1, total);
            }
        });
        counts[2] += flush(context, owner, batch, total, total);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("records", total);
        report.put("imported", counts[0] - counts[2]);
        report.put("problem_count", counts[1]);
        report.put("problems", problems);
        if (counts[2] > 0) {
            report.put("over_quota", counts[2]);
            report.put("quota", "The account reached its quota of todos: the last " + counts[2]
                    + " valid records were not imported.");
        }
        return JobResult.report(json.writeValueAsString(report));
    }

    /** Stores the batch, as much of it as the owner's quota has room for; returns how many did not fit. */
    private long flush(JobContext context, Owner owner, List<Todo> batch, long done, long total) {
        context.checkpoint();
        long room = batch.isEmpty() ? 0 : rules.roomFor(owner);
        int fits = (int) Math.min(room, batch.size());
        int over = batch.size() - fits;
        store.insertAll(batch.subList(0, fits));
        batch.clear();
        context.progress(done, total, done);
        return over;
    }

    private static void problem(List<Map<String, Object>> problems, long[] counts, long line, String message) {
        counts[1]++;
        if (problems.size() < MAX_REPORTED_PROBLEMS) {
            problems.add(Map.of("line", line, "error", message));
        }
    }

    private long read(ObjectId upload, ImportFormat format, java.util.function.Consumer<Object> sink)
            throws IOException {
        try (InputStream in = files.open(upload)) {
            return reader.read(in, format, sink::accept);
        } catch (MongoGridFSException e) {
            throw new PermanentJobFailure("The uploaded file is gone (expired or deleted); upload it again.");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The first nine bytes of every todo id of {@code job}'s import: the job's creation second and five bytes of a
     * hash of the job id. {@link #importedId} adds the record's index, so ids of one import sort in file order and
     * the last line lists first.
     */
    static byte[] idPrefix(Job job) {
        byte[] hash = Sha256.digest().digest(job.id().getBytes(StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(9).putInt((int) job.createdAt().getEpochSecond()).put(hash, 0, 5).array();
    }

    /** The id of the todo made from record {@code index}: the same in every attempt of the job. */
    static ObjectId importedId(byte[] prefix, long index) {
        ByteBuffer bytes = ByteBuffer.allocate(12).put(prefix);
        bytes.put((byte) (index >>> 16)).put((byte) (index >>> 8)).put((byte) index);
        return new ObjectId(bytes.array());
    }
}
