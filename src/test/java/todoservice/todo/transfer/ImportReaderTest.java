package todoservice.todo.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every format shares: resuming after a checkpoint, the stream's ownership and failures of the stream. */
class ImportReaderTest {

    private final ImportReader reader = new ImportReader();

    private static final String NDJSON = "{\"content\": \"a\"}\nbroken\n\n{\"content\": \"c\"}\n{\"content\": \"d\"}\n";

    @Test
    void aCsvHeaderProblemHasItsOwnIndexSoResumingNeverSkipsARecord() {
        List<ImportItem> items = Imports.read(ImportFormat.CSV, "content,extra\na,x\n");

        assertThat(items).extracting(ImportItem::index).containsExactly(0L, 1L);
    }

    @Test
    void theStreamIsLeftOpenForWhoeverOpenedIt() throws IOException {
        for (ImportFormat format : ImportFormat.values()) {
            CloseTrackingStream in = new CloseTrackingStream("[]".getBytes(UTF_8));
            reader.read(in, format, item -> { });
            assertThat(in.closed).as(format.name()).isFalse();
        }
    }

    @Test
    void aFailingStreamIsAnIOExceptionNotAProblemInTheFile() {
        for (ImportFormat format : ImportFormat.values()) {
            InputStream failing = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("connection reset");
                }
            };
            assertThatThrownBy(() -> reader.read(failing, format, item -> { }))
                    .as(format.name())
                    .isInstanceOf(IOException.class)
                    .hasMessage("connection reset");
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    private static final class CloseTrackingStream extends ByteArrayInputStream {
        boolean closed;

        CloseTrackingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
