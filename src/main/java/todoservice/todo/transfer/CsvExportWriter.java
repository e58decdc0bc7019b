package todoservice.todo.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The CSV export, for spreadsheets: a header row, RFC 4180 quoting and CRLF line ends, times in ISO-8601 UTC with
 * milliseconds ({@code 2026-11-25T15:18:09.710Z}).
 *
 * <p>Formula injection: a spreadsheet runs a cell starting with {@code = + - @} (or a tab or carriage return before
 * one) as a formula, so a todo's text could run {@code =HYPERLINK(…)} on whoever opens the export. Such content is
 * written with a leading {@code '}, which spreadsheets read as "text". An import of the file keeps that quote.
 */
final class CsvExportWriter implements ExportWriter {

    private static final String[] HEADER = {"id", "content", "created_at", "is_finished", "finished_at"};
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    // Jackson's default quoting also quotes cells with spaces, quotes or '#' that RFC 4180 would allow bare:
    // valid either way, and safer for readers that trim spaces or take '#' for a comment.
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final CsvGenerator generator;
    private boolean finished;

    CsvExportWriter(OutputStream out) throws IOException {
        generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        CsvSchema.Builder schema = CsvSchema.builder().setLineSeparator("\r\n");
        for (String column : HEADER) {
            schema.addColumn(column);
        }
        generator.setSchema(schema.build());
        writeRow(HEADER);
    }

    @Override
    public void write(ExportRow row) throws IOException {
        if (finished) {
            throw new IllegalStateException("the export is finished");
        }
        writeRow(row.id(), protectFromFormulas(row.content()), ISO_MILLIS.format(row.createdAt()),
                Boolean.toString(row.finished()),
                row.finishedAtOrNull() == null ? "" : ISO_MILLIS.format(row.finishedAtOrNull()));
    }

    @Override
    public void finish() throws IOException {
        finished = true;
        generator.flush();
    }

    @Override
    public void close() throws IOException {
        generator.close();
    }

    static String protectFromFormulas(String content) {
        return !content.isEmpty() && FORMULA_STARTS.indexOf(content.charAt(0)) >= 0 ? "'" + content : content;
    }

    private void writeRow(String... cells) throws IOException {
        generator.writeStartArray();
        for (String cell : cells) {
            generator.writeString(cell);
        }
        generator.writeEndArray();
    }
}
