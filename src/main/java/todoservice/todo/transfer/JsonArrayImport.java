package todoservice.todo.transfer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * JSON: one array of record objects, read element by element with Jackson's streaming parser. A well-formed element
 * that is not a valid record is a problem and reading goes on; after a syntax error there is no telling where the
 * next element starts, so it is the last item (the records before it are kept).
 */
final class JsonArrayImport {

    private final JsonRecordParser records;

    JsonArrayImport(JsonRecordParser records) {
        this.records = records;
    }

    long read(InputStream in, Consumer<ImportItem> sink) throws IOException {
        try (JsonParser parser = records.factory().createParser(in)) {
            Reading reading = new Reading(parser, sink);
            try {
                reading.readArray();
            } catch (JsonProcessingException e) {
                reading.problem(lineOf(e, parser), records.problem(e));
            }
            return reading.index;
        }
    }

    private static long lineOf(JsonProcessingException e, JsonParser parser) {
        JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        return Math.max(1, location.getLineNr());
    }

    /** One pass over one file; {@code index} is the number of items handed out so far. */
    private final class Reading {
        private final JsonParser parser;
        private final Consumer<ImportItem> sink;
        private long index;

        Reading(JsonParser parser, Consumer<ImportItem> sink) {
            this.parser = parser;
            this.sink = sink;
        }

        void readArray() throws IOException {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                problem(1, "expected a JSON array of records, found " + JsonRecordParser.describe(first));
                return;
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                long line = parser.currentTokenLocation().getLineNr();
                if (token == null) {
                    problem(line, "the file ends inside the array");
                    return;
                }
                // index moves on only once the element is read: a syntax error inside it takes its index.
                sink.accept(records.read(parser, index, line));
                index++;
            }
            if (parser.nextToken() != null) {
                problem(parser.currentTokenLocation().getLineNr(), "unexpected text after the array");
            }
        }

        void problem(long line, String message) {
            sink.accept(new ImportProblem(index++, line, message));
        }
    }
}
