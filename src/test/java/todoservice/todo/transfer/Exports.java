package todoservice.todo.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Runs a real {@link ExportWriter} into memory. */
final class Exports {

    static final Instant CREATED = Instant.ofEpochMilli(1_795_619_889_710L);
    static final Instant FINISHED = Instant.ofEpochMilli(1_795_619_895_636L);

    private Exports() {}

    static byte[] write(ExportFormat format, List<ExportRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExportWriter writer = ExportWriter.open(out, format)) {
            for (ExportRow row : rows) {
                writer.write(row);
            }
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String text(ExportFormat format, ExportRow... rows) {
        return new String(write(format, List.of(rows)), UTF_8);
    }

    static ExportRow open(String id, String content) {
        return new ExportRow(id, content, CREATED, false, null);
    }

    static ExportRow done(String id, String content) {
        return new ExportRow(id, content, CREATED, true, FINISHED);
    }
}
