package todoservice.todo.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads an import file record by record and hands each one, in file order, to a callback, so a file of any size
 * is imported in constant memory: at most one record (bounded by {@link #MAX_RECORD_LENGTH}) is held at a time.
 * The input is UTF-8; a leading byte order mark is skipped. Problems in the file are items, not exceptions; an
 * {@link IOException} means the stream itself failed. The stream is never closed here: its opener closes it.
 * One instance is thread-safe and can be shared.
 */
public final class ImportReader {

    /**
     * The longest record read: bytes of an NDJSON line, characters of one JSON or CSV value. Far above the longest
     * content the service accepts, it only keeps a broken file (an unterminated quote) from filling the memory.
     */
    public static final int MAX_RECORD_LENGTH = 1 << 20;

    private final JsonRecordParser records = new JsonRecordParser(MAX_RECORD_LENGTH);
    private final NdjsonImport ndjson = new NdjsonImport(records, MAX_RECORD_LENGTH);
    private final JsonArrayImport jsonArray = new JsonArrayImport(records);
    private final CsvImport csv = new CsvImport(MAX_RECORD_LENGTH);

    /** Reads the whole file, handing every item to {@code sink}; returns the number of items it holds. */
    public long read(InputStream in, ImportFormat format, Consumer<? super ImportItem> sink) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sink, "sink");
        Consumer<ImportItem> from = sink::accept;
        InputStream text = Utf8Bom.skip(in);
        return switch (format) {
            case NDJSON -> ndjson.read(text, from);
            case JSON -> jsonArray.read(text, from);
            case CSV -> csv.read(text, from);
        };
    }
}
