package todoservice.todo.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static todoservice.todo.transfer.Imports.problem;
import static todoservice.todo.transfer.Imports.record;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonArrayImportTest {

    private static List<ImportItem> read(String text) {
        return Imports.read(ImportFormat.JSON, text);
    }

    private static void assertProblem(ImportItem item, long index, long line, String messageStart) {
        assertThat(item).isInstanceOfSatisfying(ImportProblem.class, problem -> {
            assertThat(problem.index()).as("index").isEqualTo(index);
            assertThat(problem.line()).as("line").isEqualTo(line);
            assertThat(problem.message()).startsWith(messageStart);
        });
    }

    @Test
    void everyElementIsATodoWithTheLineWhereItStarts() {
        String file = "[\n  {\"content\": \"买牛奶\"},\n  {\n    \"content\": \"写周报\",\n    \"is_finished\": true\n  },"
                + " {\"content\": \"c\"}\n]\n";

        assertThat(read(file)).containsExactly(
                record(0, 2, "买牛奶", false), record(1, 3, "写周报", true), record(2, 6, "c", false));
    }

    @Test
    void anArrayOnOneLineWorks() {
        assertThat(read("[{\"content\": \"a\"},{\"content\": \"b\"}]"))
                .containsExactly(record(0, 1, "a", false), record(1, 1, "b", false));
    }

    @Test
    void anInvalidElementIsReportedWithItsLineAndTheRestIsImported() {
        String file = "[\n{\"content\": \"a\", \"tags\": {\"nested\": [1, {\"deep\": true}]}},\n42,\n"
                + "{\"content\": \"b\", \"is_finished\": \"yes\"},\n[{\"content\": \"inside\"}],\n"
                + "{\"content\": \"c\"}\n]";

        assertThat(read(file)).containsExactly(
                problem(0, 2, "unknown field \"tags\""),
                problem(1, 3, "a record must be a JSON object, not a number"),
                problem(2, 4, "field \"is_finished\" must be true or false, not a string"),
                problem(3, 5, "a record must be a JSON object, not an array"),
                record(4, 6, "c", false));
    }

    @Test
    void aSyntaxErrorIsReportedAtItsLineAndEndsTheImportKeepingTheRecordsBefore() {
        List<ImportItem> items = read("[\n{\"content\": \"a\"},\n{\"content\": \"b\"},\n{\"content\": \"c\" oops},\n"
                + "{\"content\": \"d\"}\n]");

        assertThat(items).hasSize(3);
        assertThat(items.subList(0, 2)).containsExactly(record(0, 2, "a", false), record(1, 3, "b", false));
        assertProblem(items.get(2), 2, 4, "not valid JSON: ");
    }

    @Test
    void aFileCutOffInsideTheArrayKeepsTheRecordsBeforeTheCut() {
        List<ImportItem> items = read("[\n{\"content\": \"a\"},\n{\"content\": \"b");

        assertThat(items.get(0)).isEqualTo(record(0, 2, "a", false));
        assertProblem(items.get(1), 1, 3, "not valid JSON: ");
        assertThat(items).hasSize(2);
    }

    @Test
    void aTopLevelThatIsNotAnArrayIsOneProblemAtLineOne() {
        assertThat(read("{\"content\": \"a\"}"))
                .containsExactly(problem(0, 1, "expected a JSON array of records, found an object"));
        assertThat(read("\"a\"")).containsExactly(problem(0, 1, "expected a JSON array of records, found a string"));
        assertThat(read(""))
                .containsExactly(problem(0, 1, "expected a JSON array of records, found the end of the file"));
    }

    @Test
    void anNdjsonFileUploadedAsJsonIsOneClearProblem() {
        assertThat(read("{\"content\": \"a\"}\n{\"content\": \"b\"}\n"))
                .containsExactly(problem(0, 1, "expected a JSON array of records, found an object"));
    }

    @Test
    void anEmptyArrayHasNoRecords() {
        assertThat(read("[]")).isEmpty();
        assertThat(read(" [ \n ] \n")).isEmpty();
    }

    @Test
    void textAfterTheArrayIsAProblemAfterTheRecords() {
        List<ImportItem> items = read("[{\"content\": \"a\"}]\n[]");

        assertThat(items).containsExactly(record(0, 1, "a", false), problem(1, 2, "unexpected text after the array"));
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() {
        assertThat(read("\uFEFF[{\"content\": \"a\"}]")).containsExactly(record(0, 1, "a", false));
    }

    @Test
    void aValueLongerThanTheLimitEndsTheImport() {
        String huge = "x".repeat(ImportReader.MAX_RECORD_LENGTH + 1);

        List<ImportItem> items = read("[{\"content\": \"a\"},\n{\"content\": \"" + huge + "\"}, {\"content\": \"b\"}]");

        assertThat(items.get(0)).isEqualTo(record(0, 1, "a", false));
        assertThat(items.get(1))
                .isEqualTo(problem(1, 2, "a value is longer than " + ImportReader.MAX_RECORD_LENGTH + " characters"));
        assertThat(items).hasSize(2);
    }
}
