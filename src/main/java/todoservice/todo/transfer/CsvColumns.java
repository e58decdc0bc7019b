package todoservice.todo.transfer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which cell of a CSV row holds what. Without a header: content, then is_finished. With a header (a first row
 * naming a {@code content} column), by name, so a file whose columns are in another order, or the export's own
 * file with its {@code id}, {@code created_at} and {@code finished_at} columns, imports as well.
 */
final class CsvColumns {

    private static final Set<String> EXPORT_ONLY = Set.of("id", "created_at", "finished_at");
    private static final int ABSENT = -1;

    private final int content;
    private final int finished;
    private final int width;
    private final boolean fromHeader;

    private CsvColumns(int content, int finished, int width, boolean fromHeader) {
        this.content = content;
        this.finished = finished;
        this.width = width;
        this.fromHeader = fromHeader;
    }

    static CsvColumns positional() {
        return new CsvColumns(0, 1, 2, false);
    }

    static boolean isHeader(List<String> firstRow) {
        return firstRow.contains("content");
    }

    static CsvColumns fromHeader(List<String> header) {
        return new CsvColumns(header.indexOf("content"), header.indexOf("is_finished"), header.size(), true);
    }

    /** What is wrong with a header, for the user to read once (its unknown columns are ignored); null if nothing. */
    static String headerProblem(List<String> header) {
        List<String> unknown = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (String name : header) {
            boolean known = name.equals("content") || name.equals("is_finished") || EXPORT_ONLY.contains(name);
            if (!known) {
                unknown.add(ImportProblem.quote(name));
            } else if (!seen.add(name)) {
                duplicates.add('"' + name + '"');
            }
        }
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add((unknown.size() == 1 ? "unknown column " : "unknown columns ") + String.join(", ", unknown)
                    + " (ignored)");
        }
        if (!duplicates.isEmpty()) {
            problems.add("the header names " + String.join(", ", duplicates) + " twice (the first is used)");
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    ImportItem toItem(List<String> cells, long index, long line) {
        if (cells.size() > width) {
            return new ImportProblem(index, line, fromHeader
                    ? "the row has " + cells.size() + " cells but the header only " + width
                    : "the row has " + cells.size() + " cells; without a header a row is content[,is_finished]");
        }
        String finishedCell = cell(cells, finished).toLowerCase(Locale.ROOT);
        return switch (finishedCell) {
            case "", "false" -> new ImportRecord(index, line, cell(cells, content), false);
            case "true" -> new ImportRecord(index, line, cell(cells, content), true);
            default -> new ImportProblem(index, line, "is_finished must be true, false or empty, not "
                    + ImportProblem.quote(cell(cells, finished)));
        };
    }

    /** A missing cell (a short row) reads as empty, like an empty one. */
    private static String cell(List<String> cells, int column) {
        return column == ABSENT || column >= cells.size() ? "" : cells.get(column);
    }
}
