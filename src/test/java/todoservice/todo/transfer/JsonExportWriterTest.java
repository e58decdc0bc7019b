package todoservice.todo.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static todoservice.todo.transfer.Exports.done;
import static todoservice.todo.transfer.Exports.open;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonExportWriterTest {

    @Test
    void todosAreWrittenAsTheApiShowsThemOnePerLine() {
        assertThat(Exports.text(ExportFormat.JSON, done("6b06fc310a1aaccc172df5ea", "好好学习"),
                open("6b06fc310a1aaccc172df5eb", "天天向上"))).isEqualTo("""
                [
                {"id":"6b06fc310a1aaccc172df5ea","content":"好好学习","created_at":1795619889.710,\
                "is_finished":true,"finished_at":1795619895.636},
                {"id":"6b06fc310a1aaccc172df5eb","content":"天天向上","created_at":1795619889.710,\
                "is_finished":false,"finished_at":null}
                ]
                """);
    }

    @Test
    void timesAlwaysHaveThreeDecimalsEvenOnAWholeSecond() {
        ExportRow row = new ExportRow("i", "a", Instant.ofEpochSecond(1_795_619_889L), true,
                Instant.ofEpochSecond(1_795_619_895L, 636_999_999));

        assertThat(Exports.text(ExportFormat.JSON, row))
                .contains("\"created_at\":1795619889.000,")
                .contains("\"finished_at\":1795619895.636}");
    }

    @Test
    void chineseAndEmojiAreRawUtf8NotEscapes() {
        String text = Exports.text(ExportFormat.JSON, open("i", "好好学习 📝"));

        assertThat(text).contains("\"content\":\"好好学习 📝\"").doesNotContain("\\u");
    }

    @Test
    void quotesBackslashesAndLineBreaksInContentAreEscaped() {
        assertThat(Exports.text(ExportFormat.JSON, open("i", "say \"hi\"\\\nnext")))
                .contains("\"content\":\"say \\\"hi\\\"\\\\\\nnext\"");
    }

    @Test
    void anEmptyExportIsAnEmptyArray() {
        assertThat(Exports.text(ExportFormat.JSON)).isEqualTo("[]\n");
    }

    @Test
    void anExportClosedWithoutFinishIsVisiblyIncomplete() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExportWriter writer = ExportWriter.open(out, ExportFormat.JSON)) {
            writer.write(open("i", "a"));
        }

        assertThat(out.toString(UTF_8)).startsWith("[").doesNotContain("]");
        assertThat(Imports.read(ImportFormat.JSON, out.toByteArray()).get(1))
                .isInstanceOf(ImportProblem.class);
    }

    @Test
    void noTodoCanBeWrittenAfterFinish() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExportWriter writer = ExportWriter.open(out, ExportFormat.JSON)) {
            writer.finish();
            assertThatThrownBy(() -> writer.write(open("i", "a"))).isInstanceOf(IllegalStateException.class);
        }
        assertThat(out.toString(UTF_8)).isEqualTo("[]\n");
    }

    @Test
    void theStreamIsLeftOpenForWhoeverOpenedIt() throws Exception {
        ClosingTrackingStream out = new ClosingTrackingStream();
        try (ExportWriter writer = ExportWriter.open(out, ExportFormat.JSON)) {
            writer.finish();
        }
        assertThat(out.closed).isFalse();
    }

    private static final class ClosingTrackingStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
