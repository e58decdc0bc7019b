package todoservice.todo.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static todoservice.todo.transfer.Imports.problem;
import static todoservice.todo.transfer.Imports.record;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvImportTest {

    private static List<ImportItem> read(String text) {
        return Imports.read(ImportFormat.CSV, text);
    }

    @Test
    void withoutAHeaderRowsAreContentThenIsFinished() {
        assertThat(read("买牛奶\n写周报,true\n跑步,false\n")).containsExactly(
                record(0, 1, "买牛奶", false), record(1, 2, "写周报", true), record(2, 3, "跑步", false));
    }

    @Test
    void isFinishedIsTrueOrFalseInAnyCaseOrEmpty() {
        assertThat(read("a,TRUE\nb,False\nc,\nd,tRuE\n")).containsExactly(record(0, 1, "a", true),
                record(1, 2, "b", false), record(2, 3, "c", false), record(3, 4, "d", true));
    }

    @Test
    void anyOtherIsFinishedValueIsAProblemForThatRow() {
        assertThat(read("a,yes\nb,1\nc, true\nd,true\n")).containsExactly(
                problem(0, 1, "is_finished must be true, false or empty, not \"yes\""),
                problem(1, 2, "is_finished must be true, false or empty, not \"1\""),
                problem(2, 3, "is_finished must be true, false or empty, not \" true\""),
                record(3, 4, "d", true));
    }

    @Test
    void quotedCellsKeepCommasDoubledQuotesAndLineBreaksAndLaterRowsKeepTheirLineNumbers() {
        assertThat(read("\"a, b\",true\n\"she said \"\"hi\"\"\"\n\"line one\nline two\r\nline three\",false\nlast\n"))
                .containsExactly(
                        record(0, 1, "a, b", true),
                        record(1, 2, "she said \"hi\"", false),
                        record(2, 3, "line one\nline two\r\nline three", false),
                        record(3, 6, "last", false));
    }

    @Test
    void spacesAroundContentAreKept() {
        assertThat(read("  two leading,true\ntrailing  \n")).containsExactly(
                record(0, 1, "  two leading", true), record(1, 2, "trailing  ", false));
    }

    @Test
    void blankLinesAreSkippedWithoutCountingAsRecords() {
        assertThat(read("\na\n\n   \nb\r\n\r\n")).containsExactly(record(0, 2, "a", false), record(1, 5, "b", false));
    }

    @Test
    void windowsLineEndsWork() {
        assertThat(read("a,true\r\nb\r\n")).containsExactly(record(0, 1, "a", true), record(1, 2, "b", false));
    }

    @Test
    void withoutAHeaderAThirdColumnIsAProblemForThatRow() {
        assertThat(read("a,true,extra\nb,false\n")).containsExactly(
                problem(0, 1, "the row has 3 cells; without a header a row is content[,is_finished]"),
                record(1, 2, "b", false));
    }

    @Test
    void aHeaderIsRecognisedByItsContentColumnAndColumnsAreTakenByName() {
        assertThat(read("is_finished,content\ntrue,a\n,b\n")).containsExactly(
                record(0, 2, "a", true), record(1, 3, "b", false));
        assertThat(read("content\na\n")).containsExactly(record(0, 2, "a", false));
    }

    @Test
    void theExportsOwnColumnsAreIgnoredSoAnExportedFileCanBeImportedAgain() {
        String export = "id,content,created_at,is_finished,finished_at\r\n"
                + "6b06fc310a1aaccc172df5ea,好好学习,2026-11-25T15:18:09.710Z,true,2026-11-25T15:18:15.636Z\r\n"
                + "6b06fc310a1aaccc172df5eb,天天向上,2026-11-25T15:18:10.000Z,false,\r\n";

        assertThat(read(export)).containsExactly(record(0, 2, "好好学习", true), record(1, 3, "天天向上", false));
    }

    @Test
    void unknownHeaderColumnsAreReportedOnceAndTheirCellsIgnored() {
        assertThat(read("content,priority,tags\na,1,x\nb,2,y\n")).containsExactly(
                problem(0, 1, "unknown columns \"priority\", \"tags\" (ignored)"),
                record(1, 2, "a", false),
                record(2, 3, "b", false));
    }

    @Test
    void aColumnNamedTwiceInTheHeaderIsReportedAndTheFirstIsUsed() {
        assertThat(read("content,content\na,b\n")).containsExactly(
                problem(0, 1, "the header names \"content\" twice (the first is used)"), record(1, 2, "a", false));
    }

    @Test
    void withAHeaderShortRowsReadMissingCellsAsEmptyAndLongRowsAreAProblem() {
        assertThat(read("content,is_finished\na\nb,true,extra\n")).containsExactly(
                record(0, 2, "a", false), problem(1, 3, "the row has 3 cells but the header only 2"));
    }

    @Test
    void aLaterRowNamedContentIsATodoNotAHeader() {
        assertThat(read("a\ncontent\n")).containsExactly(record(0, 1, "a", false), record(1, 2, "content", false));
    }

    @Test
    void aLeadingByteOrderMarkIsSkippedSoAnExcelHeaderIsStillRecognised() {
        assertThat(read("\uFEFFcontent,is_finished\na,true\n")).containsExactly(record(0, 2, "a", true));
    }

    @Test
    void emptyContentIsLeftForTheServiceToJudge() {
        assertThat(read(",true\n\"  \",false\n")).containsExactly(record(0, 1, "", true), record(1, 2, "  ", false));
    }

    @Test
    void anUnterminatedQuoteIsAProblemAtTheLineWhereItsRowStartsAndEndsTheImport() {
        List<ImportItem> items = read("a\nb\n\"c,true\nd\ne\n");

        assertThat(items.subList(0, 2)).containsExactly(record(0, 1, "a", false), record(1, 2, "b", false));
        assertThat(items.get(2)).isInstanceOfSatisfying(ImportProblem.class, problem -> {
            assertThat(problem.index()).isEqualTo(2);
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.message()).startsWith("malformed CSV: ");
        });
        assertThat(items).hasSize(3);
    }

    @Test
    void aRunawayQuoteStopsAtTheLengthLimitInsteadOfFillingTheMemory() {
        // Jackson checks the limit as its buffer grows, a little past the limit itself: well before the end here.
        String runaway = "\"" + "x".repeat(3 * ImportReader.MAX_RECORD_LENGTH);

        List<ImportItem> items = read("a\n" + runaway + "\nb\n");

        assertThat(items).containsExactly(record(0, 1, "a", false),
                problem(1, 2, "a value is longer than " + ImportReader.MAX_RECORD_LENGTH + " characters"));
    }

    @Test
    void textAfterAClosingQuoteIsAProblemForThatRowAndTheNextRowsAreImported() {
        List<ImportItem> items = read("a\n\"b\"x,true\nc\n");

        assertThat(items).hasSize(3);
        assertThat(items.get(1)).isInstanceOfSatisfying(ImportProblem.class, problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).startsWith("malformed CSV: ");
        });
        assertThat(items.get(2)).isEqualTo(record(2, 3, "c", false));
    }

    @Test
    void invalidUtf8IsAProblemAtItsRowAndEndsTheImport() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("a\nb".getBytes(UTF_8));
        file.write(0xFF);
        file.writeBytes("\nc\n".getBytes(UTF_8));

        List<ImportItem> items = Imports.read(ImportFormat.CSV, file.toByteArray());

        assertThat(items).containsExactly(record(0, 1, "a", false), problem(1, 2, "the file is not valid UTF-8 here"));
    }

    @Test
    void anEmptyFileHasNoRecords() {
        assertThat(read("")).isEmpty();
        assertThat(read("content,is_finished\n")).isEmpty();
    }
}
