package todoservice.todo.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Runs a real {@link ImportReader} over bytes in memory and collects what it hands out. */
final class Imports {

    private static final ImportReader READER = new ImportReader();

    private Imports() {}

    static List<ImportItem> read(ImportFormat format, String text) {
        return read(format, text.getBytes(UTF_8));
    }

    static List<ImportItem> read(ImportFormat format, byte[] bytes) {
        List<ImportItem> items = new ArrayList<>();
        try {
            long count = READER.read(new ByteArrayInputStream(bytes), format, items::add);
            if (count != items.size()) {
                throw new AssertionError("read() returned " + count + " but handed out " + items.size() + " items");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    static ImportRecord record(long index, long line, String content, boolean finished) {
        return new ImportRecord(index, line, content, finished);
    }

    static ImportProblem problem(long index, long line, String message) {
        return new ImportProblem(index, line, message);
    }
}
