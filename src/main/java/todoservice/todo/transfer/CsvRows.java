package todoservice.todo.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV file as lists of cells, each with the line where it starts. A malformed row comes back with a
 * problem instead of cells, and with whether the parser found the end of that row, i.e. whether reading can go on.
 */
final class CsvRows {

    /** A row; {@code problem} is null for a well-formed one. */
    record Row(long line, List<String> cells, String problem, boolean resynchronised) {

        /** An empty or whitespace-only line, read as one blank cell (so is a lone quoted blank cell, skipped too). */
        boolean isBlank() {
            return problem == null && cells.size() == 1 && cells.get(0).isBlank();
        }
    }

    private final CsvParser parser;
    private final int maxValueLength;
    private boolean opened;

    /** {@code parser} must wrap the file as an array of rows (CsvParser.Feature.WRAP_AS_ARRAY). */
    CsvRows(CsvParser parser, int maxValueLength) {
        this.parser = parser;
        this.maxValueLength = maxValueLength;
    }

    /** The next row, or null after the last one. */
    Row next() throws IOException {
        long line = parser.currentLocation().getLineNr();
        try {
            JsonToken token = parser.nextToken();
            if (!opened && token == JsonToken.START_ARRAY) { // the array that wraps the whole file
                opened = true;
                token = parser.nextToken();
            }
            if (token != JsonToken.START_ARRAY) {
                return null;
            }
            line = parser.currentLocation().getLineNr();
            List<String> cells = new ArrayList<>();
            while (parser.nextToken() == JsonToken.VALUE_STRING) {
                cells.add(parser.getText());
            }
            return new Row(line, cells, null, true);
        } catch (JsonProcessingException | CharConversionException e) {
            return new Row(Math.max(1, line), List.of(), describe(e), skipRestOfRow());
        }
    }

    private String describe(IOException e) {
        if (e instanceof CharConversionException) {
            return "the file is not valid UTF-8 here";
        }
        if (e instanceof StreamConstraintsException) {
            return "a value is longer than " + maxValueLength + " characters";
        }
        return "malformed CSV: " + ((JsonProcessingException) e).getOriginalMessage();
    }

    /** Whether the end of the malformed row was found; after an unterminated quote, it is the end of the file. */
    private boolean skipRestOfRow() throws IOException {
        try {
            JsonToken token;
            do {
                token = parser.nextToken();
            } while (token != null && token != JsonToken.END_ARRAY);
            return token != null;
        } catch (JsonProcessingException | CharConversionException e) {
            return false;
        }
    }
}
