package todoservice.todo.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * Reads one record object {@code {"content": "…", "is_finished"?: true|false}} from a streaming parser, without
 * building a tree, and always consumes the whole value, so a JSON array goes on with the next element after a bad
 * one. Types are never coerced ({@code "true"} or {@code 1} is not a boolean), like the API's own JSON.
 */
final class JsonRecordParser {

    private final JsonFactory factory;
    private final int maxStringLength;

    JsonRecordParser(int maxStringLength) {
        this.maxStringLength = maxStringLength;
        this.factory = JsonFactory.builder()
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(maxStringLength)
                        .maxNameLength(Math.min(maxStringLength, StreamReadConstraints.DEFAULT_MAX_NAME_LEN))
                        .build())
                .build();
    }

    /** The factory of the parsers this class reads from: it bounds every string and never closes the source. */
    JsonFactory factory() {
        return factory;
    }

    /**
     * The user's message for a parser's failure: a syntax error, or a limit exceeded. The parser's own message for
     * a limit names its internals (methods of StreamReadConstraints), so the limit is said here instead.
     */
    String problem(JsonProcessingException e) {
        if (!(e instanceof StreamConstraintsException)) {
            return "not valid JSON: " + e.getOriginalMessage();
        }
        String message = String.valueOf(e.getOriginalMessage());
        StreamReadConstraints limits = factory.streamReadConstraints();
        if (message.startsWith("Document nesting depth")) {
            return "values are nested more than " + limits.getMaxNestingDepth() + " levels deep";
        }
        if (message.startsWith("Number value length")) {
            return "a number is longer than " + limits.getMaxNumberLength() + " digits";
        }
        return "a value is longer than " + maxStringLength + " characters";
    }

    /** Reads the value at the parser's current token, leaving the parser on the value's last token. */
    ImportItem read(JsonParser parser, long index, long line) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            String found = describe(parser.currentToken());
            parser.skipChildren();
            return new ImportProblem(index, line, "a record must be a JSON object, not " + found);
        }
        Fields fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            fields.accept(name, value, value == JsonToken.VALUE_STRING ? parser.getText() : null);
            parser.skipChildren();
        }
        return fields.toItem(index, line);
    }

    /** The fields of one object so far; the first problem found is the one reported. */
    private static final class Fields {
        private String content;
        private boolean finished;
        private boolean seenContent;
        private boolean seenFinished;
        private String problem;

        void accept(String name, JsonToken value, String text) {
            switch (name) {
                case "content" -> {
                    report(seenContent ? duplicate(name) : text != null ? null
                            : "field \"content\" must be a string, not " + describe(value));
                    content = text;
                    seenContent = true;
                }
                case "is_finished" -> {
                    report(seenFinished ? duplicate(name) : value.isBoolean() ? null
                            : "field \"is_finished\" must be true or false, not " + describe(value));
                    finished = value == JsonToken.VALUE_TRUE;
                    seenFinished = true;
                }
                // An export's own fields, so that an exported file can be imported again.
                case "id", "created_at", "finished_at" -> { }
                default -> report("unknown field " + ImportProblem.quote(name));
            }
        }

        ImportItem toItem(long index, long line) {
            report(seenContent ? null : "missing field \"content\"");
            return problem == null
                    ? new ImportRecord(index, line, content, finished)
                    : new ImportProblem(index, line, problem);
        }

        private void report(String fieldProblem) {
            problem = problem == null ? fieldProblem : problem;
        }

        private static String duplicate(String name) {
            return "duplicate field \"" + name + "\"";
        }
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
