package todoservice.todo.transfer;

import java.time.Instant;
import java.util.Objects;

/**
 * One todo as an export writes it. Its own type, not the stored {@code Todo}, so the file formats do not change
 * when the stored document does.
 */
public record ExportRow(String id, String content, Instant createdAt, boolean finished, Instant finishedAtOrNull) {

    public ExportRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
