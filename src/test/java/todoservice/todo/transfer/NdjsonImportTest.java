package todoservice.todo.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static todoservice.todo.transfer.Imports.problem;
import static todoservice.todo.transfer.Imports.record;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonImportTest {

    private static List<ImportItem> read(String text) {
        return Imports.read(ImportFormat.NDJSON, text);
    }

    @Test
    void everyLineIsATodoInFileOrder() {
        assertThat(read("{\"content\": \"买牛奶\"}\n{\"content\": \"写周报\", \"is_finished\": true}\n"))
                .containsExactly(record(0, 1, "买牛奶", false), record(1, 2, "写周报", true));
    }

    @Test
    void theLastLineNeedsNoLineEnd() {
        assertThat(read("{\"content\": \"a\"}\n{\"content\": \"b\"}"))
                .containsExactly(record(0, 1, "a", false), record(1, 2, "b", false));
    }

    @Test
    void windowsLineEndsWork() {
        assertThat(read("{\"content\": \"a\"}\r\n{\"content\": \"b\"}\r\n"))
                .containsExactly(record(0, 1, "a", false), record(1, 2, "b", false));
    }

    @Test
    void blankLinesAreSkippedWithoutCountingAsRecordsAndLineNumbersStayPhysical() {
        assertThat(read("\n{\"content\": \"a\"}\n   \n\t\r\n{\"content\": \"b\"}\n\n"))
                .containsExactly(record(0, 2, "a", false), record(1, 5, "b", false));
    }

    @Test
    void malformedLineIsReportedWithItsNumberAndTheRestIsImported() {
        List<ImportItem> items = read("{\"content\": \"a\"}\n{\"content\": \"b\n{\"content\": \"c\"}\n");

        assertThat(items).hasSize(3);
        assertThat(items.get(0)).isEqualTo(record(0, 1, "a", false));
        assertThat(items.get(1)).isInstanceOfSatisfying(ImportProblem.class, problem -> {
            assertThat(problem.index()).isEqualTo(1);
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).startsWith("not valid JSON: ");
        });
        assertThat(items.get(2)).isEqualTo(record(2, 3, "c", false));
    }

    @Test
    void aLineThatIsNotAnObjectIsAProblemForThatLine() {
        assertThat(read("[\"a\"]\n\"a\"\n42\n{\"content\": \"ok\"}\n")).containsExactly(
                problem(0, 1, "a record must be a JSON object, not an array"),
                problem(1, 2, "a record must be a JSON object, not a string"),
                problem(2, 3, "a record must be a JSON object, not a number"),
                record(3, 4, "ok", false));
    }

    @Test
    void textAfterTheObjectOnTheSameLineIsAProblem() {
        List<ImportItem> items = read("{\"content\": \"a\"} {\"content\": \"b\"}\n{\"content\": \"a\"} x\n");

        assertThat(items.get(0)).isEqualTo(problem(0, 1, "unexpected text after the record"));
        assertThat(items.get(1)).isInstanceOfSatisfying(ImportProblem.class,
                problem -> assertThat(problem.line()).isEqualTo(2));
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() {
        assertThat(read("\uFEFF{\"content\": \"a\"}\n")).containsExactly(record(0, 1, "a", false));
    }

    @Test
    void invalidUtf8SpoilsOnlyItsOwnLine() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("{\"content\": \"a\"}\n{\"content\": \"".getBytes(UTF_8));
        file.write(0xFF);
        file.writeBytes("\"}\n{\"content\": \"c\"}\n".getBytes(UTF_8));

        assertThat(Imports.read(ImportFormat.NDJSON, file.toByteArray())).containsExactly(
                record(0, 1, "a", false),
                problem(1, 2, "the line is not valid UTF-8"),
                record(2, 3, "c", false));
    }

    @Test
    void aLineLongerThanTheLimitIsAProblemAndTheNextLineIsStillRead() {
        String huge = "{\"content\": \"" + "x".repeat(ImportReader.MAX_RECORD_LENGTH) + "\"}";

        assertThat(read(huge + "\n{\"content\": \"b\"}\n")).containsExactly(
                problem(0, 1, "the line is longer than " + ImportReader.MAX_RECORD_LENGTH + " bytes"),
                record(1, 2, "b", false));
    }

    @Test
    void tenThousandRecordsAreAllImportedAndCountedExactly() {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            file.append("{\"content\": \"todo ").append(i).append("\", \"is_finished\": ").append(i % 2 == 0)
                    .append("}\n");
        }

        List<ImportItem> items = read(file.toString());

        assertThat(items).hasSize(10_000).allMatch(ImportRecord.class::isInstance);
        assertThat(items.get(0)).isEqualTo(record(0, 1, "todo 0", true));
        assertThat(items.get(9_999)).isEqualTo(record(9_999, 10_000, "todo 9999", false));
    }

    @Test
    void anEmptyFileHasNoRecords() {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n")).isEmpty();
    }

    @Test
    void valuesNestedTooDeeplyOrNumbersTooLongAreSaidInTheUsersWordsNotTheParsers() {
        String deep = "{\"content\": \"a\", \"extra\": " + "[".repeat(1100) + "]".repeat(1100) + "}";
        String longNumber = "{\"content\": \"a\", \"is_finished\": " + "9".repeat(1100) + "}";

        List<ImportItem> items = read(deep + "\n" + longNumber + "\n{\"content\": \"ok\"}\n");

        assertThat(items.get(0)).isEqualTo(problem(0, 1, "values are nested more than 1000 levels deep"));
        assertThat(items.get(1)).isEqualTo(problem(1, 2, "a number is longer than 1000 digits"));
        assertThat(items).last().isEqualTo(record(2, 3, "ok", false));
    }
}
