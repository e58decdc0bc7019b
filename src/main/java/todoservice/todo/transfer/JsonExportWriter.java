package todoservice.todo.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The JSON export: one array of todos exactly as the API shows them (times in epoch seconds with three decimals,
 * non-ASCII text as raw UTF-8), one todo per line so the file is readable and an import's line numbers mean
 * something.
 */
final class JsonExportWriter implements ExportWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Emoji as raw UTF-8 like every other character, not as \\uD83D\\uDCDD escapes (as the API's ObjectMapperProvider).
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            // Closing without finish() must leave the array open, so a failed export is visibly incomplete.
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();

    private final JsonGenerator generator;
    private boolean finished;

    JsonExportWriter(OutputStream out) throws IOException {
        generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        generator.setPrettyPrinter(new OneTodoPerLine());
        generator.writeStartArray();
    }

    @Override
    public void write(ExportRow row) throws IOException {
        if (finished) {
            throw new IllegalStateException("the export is finished");
        }
        generator.writeStartObject();
        generator.writeStringField("id", row.id());
        generator.writeStringField("content", row.content());
        generator.writeNumberField("created_at", seconds(row.createdAt()));
        generator.writeBooleanField("is_finished", row.finished());
        generator.writeFieldName("finished_at");
        if (row.finishedAtOrNull() == null) {
            generator.writeNull();
        } else {
            generator.writeNumber(seconds(row.finishedAtOrNull()));
        }
        generator.writeEndObject();
    }

    @Override
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            generator.writeEndArray();
            generator.writeRaw('\n');
            generator.flush();
        }
    }

    @Override
    public void close() throws IOException {
        generator.close();
    }

    /** The API's time format (TodoJson): 1795619889.710. */
    private static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** Compact todos, each on its own line: {@code [\n{…},\n{…}\n]}; the array holds no nested arrays. */
    private static final class OneTodoPerLine extends MinimalPrettyPrinter {
        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(values == 0 ? "]" : "\n]");
        }
    }
}
