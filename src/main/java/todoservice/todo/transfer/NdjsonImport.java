package todoservice.todo.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * NDJSON: one record object per line. Every line is parsed on its own, so a malformed line is a problem for that
 * line only and reading goes on with the next. Blank lines are skipped and are not records.
 */
final class NdjsonImport {

    private final JsonRecordParser records;
    private final int maxLineLength;

    NdjsonImport(JsonRecordParser records, int maxLineLength) {
        this.records = records;
        this.maxLineLength = maxLineLength;
    }

    long read(InputStream in, Consumer<ImportItem> sink) throws IOException {
        NdjsonLines lines = new NdjsonLines(in, maxLineLength);
        long index = 0;
        for (NdjsonLines.Line line = lines.next(); line != null; line = lines.next()) {
            ImportItem item = parse(line, index);
            if (item != null) {
                sink.accept(item);
                index++;
            }
        }
        return index;
    }

    /** The line's item, or null for a blank line. */
    private ImportItem parse(NdjsonLines.Line line, long index) throws IOException {
        if (line.tooLong()) {
            return new ImportProblem(index, line.number(), "the line is longer than " + maxLineLength + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line.bytes())).toString();
        } catch (CharacterCodingException e) {
            return new ImportProblem(index, line.number(), "the line is not valid UTF-8");
        }
        if (text.isBlank()) {
            return null;
        }
        try (JsonParser parser = records.factory().createParser(text)) {
            parser.nextToken();
            ImportItem item = records.read(parser, index, line.number());
            if (parser.nextToken() != null) {
                return new ImportProblem(index, line.number(), "unexpected text after the record");
            }
            return item;
        } catch (JsonProcessingException e) {
            return new ImportProblem(index, line.number(), records.problem(e));
        }
    }
}
