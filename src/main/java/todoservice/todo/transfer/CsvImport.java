package todoservice.todo.transfer;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * CSV (RFC 4180) through Jackson's CSV parser: quoted cells may hold commas, doubled quotes and line breaks. Blank
 * lines are skipped. A malformed row is a problem; when the parser cannot find where that row ends (an unterminated
 * quote runs to the end of the file), it is the last item.
 */
final class CsvImport {

    private final CsvFactory factory;
    private final int maxValueLength;

    CsvImport(int maxValueLength) {
        this.maxValueLength = maxValueLength;
        // Not SKIP_EMPTY_LINES: it also strips the leading spaces of a row's first cell. Blank rows are skipped below.
        this.factory = CsvFactory.builder()
                .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxValueLength).build())
                .build();
    }

    long read(InputStream in, Consumer<ImportItem> sink) throws IOException {
        try (CsvParser parser = factory.createParser(in)) {
            parser.setSchema(CsvSchema.emptySchema());
            CsvRows rows = new CsvRows(parser, maxValueLength);
            CsvColumns columns = null;
            long index = 0;
            for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
                if (row.problem() != null) {
                    sink.accept(new ImportProblem(index++, row.line(), row.problem()));
                    if (!row.resynchronised()) {
                        break;
                    }
                    columns = columns == null ? CsvColumns.positional() : columns; // a header is only the first row
                } else if (row.isBlank()) {
                    continue;
                } else if (columns == null && CsvColumns.isHeader(row.cells())) {
                    columns = CsvColumns.fromHeader(row.cells());
                    String problem = CsvColumns.headerProblem(row.cells());
                    if (problem != null) {
                        sink.accept(new ImportProblem(index++, row.line(), problem));
                    }
                } else {
                    columns = columns == null ? CsvColumns.positional() : columns;
                    sink.accept(columns.toItem(row.cells(), index++, row.line()));
                }
            }
            return index;
        }
    }
}
