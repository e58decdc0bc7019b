package todoservice.todo.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static todoservice.todo.transfer.Imports.problem;
import static todoservice.todo.transfer.Imports.record;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fields of a JSON record, the same in NDJSON and in a JSON array (the NDJSON reader is used here). */
class RecordFieldsTest {

    private static ImportItem readOne(String json) {
        List<ImportItem> items = Imports.read(ImportFormat.NDJSON, json + "\n");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    void isFinishedDefaultsToFalse() {
        assertThat(readOne("{\"content\": \"a\"}")).isEqualTo(record(0, 1, "a", false));
        assertThat(readOne("{\"content\": \"a\", \"is_finished\": false}")).isEqualTo(record(0, 1, "a", false));
        assertThat(readOne("{\"is_finished\": true, \"content\": \"a\"}")).isEqualTo(record(0, 1, "a", true));
    }

    @Test
    void theExportsOwnFieldsAreIgnoredSoAnExportedFileCanBeImportedAgain() {
        assertThat(readOne("{\"id\": \"6b06fc310a1aaccc172df5ea\", \"content\": \"a\", \"created_at\": 1795619889.710,"
                + " \"is_finished\": true, \"finished_at\": 1795619895.636}")).isEqualTo(record(0, 1, "a", true));
        assertThat(readOne("{\"content\": \"a\", \"finished_at\": null, \"id\": {\"nested\": [1, 2]}}"))
                .isEqualTo(record(0, 1, "a", false));
    }

    @Test
    void anUnknownFieldIsAProblemThatNamesIt() {
        assertThat(readOne("{\"content\": \"a\", \"priority\": 1}"))
                .isEqualTo(problem(0, 1, "unknown field \"priority\""));
        assertThat(readOne("{\"content\": \"a\", \"isFinished\": true}"))
                .isEqualTo(problem(0, 1, "unknown field \"isFinished\""));
    }

    @Test
    void missingContentIsAProblem() {
        assertThat(readOne("{}")).isEqualTo(problem(0, 1, "missing field \"content\""));
        assertThat(readOne("{\"is_finished\": true}")).isEqualTo(problem(0, 1, "missing field \"content\""));
    }

    @Test
    void contentMustBeAJsonStringWithoutCoercion() {
        assertThat(readOne("{\"content\": 42}"))
                .isEqualTo(problem(0, 1, "field \"content\" must be a string, not a number"));
        assertThat(readOne("{\"content\": true}"))
                .isEqualTo(problem(0, 1, "field \"content\" must be a string, not a boolean"));
        assertThat(readOne("{\"content\": null}"))
                .isEqualTo(problem(0, 1, "field \"content\" must be a string, not null"));
        assertThat(readOne("{\"content\": {\"$gt\": \"\"}}"))
                .isEqualTo(problem(0, 1, "field \"content\" must be a string, not an object"));
        assertThat(readOne("{\"content\": [\"a\"]}"))
                .isEqualTo(problem(0, 1, "field \"content\" must be a string, not an array"));
    }

    @Test
    void isFinishedMustBeAJsonBooleanNotTheStringTrueOrTheNumberOne() {
        assertThat(readOne("{\"content\": \"a\", \"is_finished\": \"true\"}"))
                .isEqualTo(problem(0, 1, "field \"is_finished\" must be true or false, not a string"));
        assertThat(readOne("{\"content\": \"a\", \"is_finished\": 1}"))
                .isEqualTo(problem(0, 1, "field \"is_finished\" must be true or false, not a number"));
        assertThat(readOne("{\"content\": \"a\", \"is_finished\": null}"))
                .isEqualTo(problem(0, 1, "field \"is_finished\" must be true or false, not null"));
    }

    @Test
    void aFieldGivenTwiceIsAProblemRatherThanAGuess() {
        assertThat(readOne("{\"content\": \"a\", \"content\": \"b\"}"))
                .isEqualTo(problem(0, 1, "duplicate field \"content\""));
        assertThat(readOne("{\"content\": \"a\", \"is_finished\": true, \"is_finished\": false}"))
                .isEqualTo(problem(0, 1, "duplicate field \"is_finished\""));
    }

    @Test
    void theFirstProblemOfARecordIsTheOneReported() {
        assertThat(readOne("{\"x\": 1, \"content\": 2}")).isEqualTo(problem(0, 1, "unknown field \"x\""));
    }

    @Test
    void blankOrOddContentIsLeftForTheServiceToJudge() {
        assertThat(readOne("{\"content\": \"\"}")).isEqualTo(record(0, 1, "", false));
        assertThat(readOne("{\"content\": \"   \"}")).isEqualTo(record(0, 1, "   ", false));
        assertThat(readOne("{\"content\": \"a\\u0000b\"}")).isEqualTo(record(0, 1, "a\u0000b", false));
    }

    @Test
    void aHugeUnknownFieldNameIsCutShortInTheMessage() {
        String name = "n".repeat(500);

        ImportItem item = readOne("{\"content\": \"a\", \"" + name + "\": 1}");

        assertThat(item).isInstanceOfSatisfying(ImportProblem.class,
                problem -> assertThat(problem.message()).hasSizeLessThan(80).endsWith("…\""));
    }
}
