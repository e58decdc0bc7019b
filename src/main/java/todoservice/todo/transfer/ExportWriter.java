package todoservice.todo.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes todos to an export file one at a time, so an export of any size needs constant memory. Both formats are
 * read back by {@link ImportReader} as the same contents and finished flags.
 *
 * <p>Call {@link #finish()} after the last row: only that completes the file. {@link #close()} alone leaves it
 * incomplete, so a JSON export that failed half-way lacks its closing bracket and never reads as a complete one
 * (CSV has no end marker: a job must not publish a file whose {@code finish()} it did not reach). Neither closes
 * the stream: whoever opened it closes it.
 */
public interface ExportWriter extends Closeable {

    static ExportWriter open(OutputStream out, ExportFormat format) throws IOException {
        Objects.requireNonNull(out, "out");
        return switch (Objects.requireNonNull(format, "format")) {
            case JSON -> new JsonExportWriter(out);
            case CSV -> new CsvExportWriter(out);
        };
    }

    /** Writes one todo; in CSV, content a spreadsheet would run as a formula gets a leading {@code '}. */
    void write(ExportRow row) throws IOException;

    /** Completes the file and flushes it; no row can be written after. */
    void finish() throws IOException;

    /** Flushes what was written and releases the writer; without {@link #finish()} first, the file stays incomplete. */
    @Override
    void close() throws IOException;
}
