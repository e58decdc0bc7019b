package todoservice.todo.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static todoservice.todo.transfer.Exports.done;
import static todoservice.todo.transfer.Exports.open;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CsvExportWriterTest {

    private static final String HEADER = "id,content,created_at,is_finished,finished_at\r\n";

    @Test
    void aHeaderThenOneRowPerTodoWithIsoTimesInUtc() {
        assertThat(Exports.text(ExportFormat.CSV, done("6b06fc310a1aaccc172df5ea", "好好学习"),
                open("6b06fc310a1aaccc172df5eb", "天天向上"))).isEqualTo(HEADER
                + "6b06fc310a1aaccc172df5ea,好好学习,2026-11-25T15:18:09.710Z,true,2026-11-25T15:18:15.636Z\r\n"
                + "6b06fc310a1aaccc172df5eb,天天向上,2026-11-25T15:18:09.710Z,false,\r\n");
    }

    @Test
    void timesAlwaysHaveMillisecondsEvenOnAWholeSecond() {
        ExportRow row = new ExportRow("i", "a", Instant.ofEpochSecond(1_795_619_889L), false, null);

        assertThat(Exports.text(ExportFormat.CSV, row)).contains(",2026-11-25T15:18:09.000Z,");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedTheRfc4180Way() {
        assertThat(Exports.text(ExportFormat.CSV, open("i", "a, \"b\"\nc")))
                .isEqualTo(HEADER + "i,\"a, \"\"b\"\"\nc\",2026-11-25T15:18:09.710Z,false,\r\n");
    }

    @Test
    void contentWithLeadingOrTrailingSpacesIsQuotedSoNoReaderTrimsIt() {
        assertThat(Exports.text(ExportFormat.CSV, open("i", " padded ")))
                .contains("i,\" padded \",");
    }

    @Test
    void contentThatASpreadsheetWouldRunAsAFormulaGetsALeadingQuote() {
        for (String formula : new String[] {"=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(CsvExportWriter.protectFromFormulas(formula)).as(formula).isEqualTo("'" + formula);
        }
        assertThat(Exports.text(ExportFormat.CSV, open("i", "=1+1"))).contains("i,\"'=1+1\",");
    }

    @Test
    void ordinaryContentIsNotTouchedByTheFormulaProtection() {
        for (String text : new String[] {"a=b", "1+1", "", "'quoted", "买牛奶", " =spaced"}) {
            assertThat(CsvExportWriter.protectFromFormulas(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void anEmptyExportIsTheHeaderAlone() {
        assertThat(Exports.text(ExportFormat.CSV)).isEqualTo(HEADER);
    }
}
