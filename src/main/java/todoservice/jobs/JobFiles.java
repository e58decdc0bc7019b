package todoservice.jobs;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Uploads and results of jobs, in MongoDB's GridFS (bucket {@code job_files}): durable and reachable from every
 * node and worker, as the database itself is. Files older than the retention period are swept by the workers.
 */
public final class JobFiles {

    private static final String OWNER = "owner";

    /** A stored file's description. */
    public record StoredFile(ObjectId id, String filename, String contentType, long length) {
    }

    private static final String BUCKET = "job_files";

    private final GridFSBucket bucket;
    private final MongoCollection<Document> filesCollection;
    private final MongoCollection<Document> chunksCollection;

    public JobFiles(MongoDatabase database) {
        this.bucket = GridFSBuckets.create(Objects.requireNonNull(database, "database"), BUCKET);
        this.filesCollection = database.getCollection(BUCKET + ".files");
        this.chunksCollection = database.getCollection(BUCKET + ".chunks");
    }

    /** Stores what {@code in} yields. When reading or writing fails, whatever was written is deleted again. */
    public ObjectId store(String ownerId, String filename, String contentType, InputStream in) throws IOException {
        GridFSUploadStream out = create(ownerId, filename, contentType);
        try {
            in.transferTo(out);
            out.close();
            return out.getObjectId();
        } catch (IOException | RuntimeException e) {
            abort(out);
            throw e;
        }
    }

    /** Deletes the chunks a failed upload wrote; the original failure is what the caller reports. */
    public static void abort(GridFSUploadStream out) {
        try {
            out.abort();
        } catch (RuntimeException e) {
            // Leftover chunks without a file document are swept with the rest after the retention period.
        }
    }

    /** A file written piece by piece; {@code abort()} it when the writing fails. */
    public GridFSUploadStream create(String ownerId, String filename, String contentType) {
        return bucket.openUploadStream(filename, options(ownerId, contentType));
    }

    private static GridFSUploadOptions options(String ownerId, String contentType) {
        return new GridFSUploadOptions().metadata(new Document(OWNER, ownerId).append("content_type", contentType));
    }

    /** Deletes every file {@code ownerId}'s jobs stored (an account's deletion); returns how many. */
    public long deleteOwned(String ownerId) {
        List<ObjectId> ids = filesCollection.find(Filters.eq("metadata." + OWNER, ownerId))
                .projection(new Document("_id", 1)).map(file -> file.getObjectId("_id")).into(new ArrayList<>());
        ids.forEach(this::delete);
        return ids.size();
    }

    /** How many files the owner keeps, counted up to {@code most}. */
    public long countOwned(String ownerId, long most) {
        return filesCollection.countDocuments(Filters.eq("metadata." + OWNER, ownerId),
                new CountOptions().limit((int) Math.min(most, Integer.MAX_VALUE)));
    }

    public Optional<StoredFile> find(ObjectId id) {
        GridFSFile file = bucket.find(Filters.eq("_id", id)).first();
        if (file == null) {
            return Optional.empty();
        }
        String contentType = file.getMetadata() == null ? null : file.getMetadata().getString("content_type");
        return Optional.of(new StoredFile(id, file.getFilename(),
                contentType == null ? "application/octet-stream" : contentType, file.getLength()));
    }

    public InputStream open(ObjectId id) {
        return bucket.openDownloadStream(id);
    }

    public void delete(ObjectId id) {
        try {
            bucket.delete(id);
        } catch (MongoGridFSException e) {
            // Already gone: nothing to do.
        }
    }

    /**
     * Deletes every file, and every chunk of an aborted upload, begun before {@code cutoff}: a file's id is an
     * ObjectId from its start, so this is one range delete per collection.
     */
    public long sweep(Instant cutoff) {
        ObjectId before = new ObjectId(ByteBuffer.allocate(12).putInt((int) cutoff.getEpochSecond()).array());
        long files = filesCollection.deleteMany(Filters.lt("_id", before)).getDeletedCount();
        chunksCollection.deleteMany(Filters.lt("files_id", before));
        return files;
    }
}
