package todoservice.todo.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an export writes, an import reads back: a user can move their todos out and in again. */
class RoundTripTest {

    private static final List<String> CONTENTS = List.of(
            "好好学习", "天天向上 📝🎉", "milk, eggs, bread", "say \"hi\"", "line one\nline two", "windows\r\nline",
            "  padded  ", "#not a comment", "content", "'already quoted", "a\ttab inside", "\\backslash\\",
            "\u00e9\u0301 combining", "x".repeat(5_000));

    private static List<ExportRow> rows(List<String> contents) {
        List<ExportRow> rows = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            String id = String.format("6b06fc310a1aaccc172d%04x", i);
            rows.add(i % 2 == 0 ? Exports.done(id, contents.get(i)) : Exports.open(id, contents.get(i)));
        }
        return rows;
    }

    private static List<ImportItem> expected(List<ExportRow> rows, long firstLine, boolean oneLinePerRow) {
        List<ImportItem> records = new ArrayList<>();
        long line = firstLine;
        for (int i = 0; i < rows.size(); i++) {
            ExportRow row = rows.get(i);
            records.add(new ImportRecord(i, line, row.content(), row.finished()));
            line += oneLinePerRow ? 1 : row.content().split("\n", -1).length;
        }
        return records;
    }

    @Test
    void aJsonExportImportsAgainWithTheSameContentsAndFinishedFlags() {
        List<ExportRow> rows = rows(CONTENTS);

        List<ImportItem> imported = Imports.read(ImportFormat.JSON, Exports.write(ExportFormat.JSON, rows));

        assertThat(imported).containsExactlyElementsOf(expected(rows, 2, true));
    }

    @Test
    void aCsvExportImportsAgainWithTheSameContentsAndFinishedFlags() {
        List<ExportRow> rows = rows(CONTENTS);

        List<ImportItem> imported = Imports.read(ImportFormat.CSV, Exports.write(ExportFormat.CSV, rows));

        assertThat(imported).containsExactlyElementsOf(expected(rows, 2, false));
    }

    @Test
    void formulaProtectedContentComesBackFromCsvWithTheAddedQuoteButUnchangedFromJson() {
        List<ExportRow> rows = rows(List.of("=SUM(A1:A9)", "+86 138 0000 0000", "-", "@home"));

        List<ImportItem> fromCsv = Imports.read(ImportFormat.CSV, Exports.write(ExportFormat.CSV, rows));
        List<ImportItem> fromJson = Imports.read(ImportFormat.JSON, Exports.write(ExportFormat.JSON, rows));

        assertThat(fromCsv).extracting(item -> ((ImportRecord) item).content())
                .containsExactly("'=SUM(A1:A9)", "'+86 138 0000 0000", "'-", "'@home");
        assertThat(fromJson).extracting(item -> ((ImportRecord) item).content())
                .containsExactly("=SUM(A1:A9)", "+86 138 0000 0000", "-", "@home");
    }

    @Test
    void anEmptyExportImportsAsNoTodos() {
        for (ExportFormat format : ExportFormat.values()) {
            ImportFormat importFormat = ImportFormat.forMediaType(format.mediaType()).orElseThrow();
            assertThat(Imports.read(importFormat, Exports.write(format, List.of()))).as(format.name()).isEmpty();
        }
    }
}
