package todoservice.todo.transfer;

import java.util.Objects;

/**
 * A well-formed record. Its content is as written in the file: blank, overlong or otherwise invalid text is left to
 * the service's own content rules, so an import and the API refuse exactly the same todos.
 */
public record ImportRecord(long index, long line, String content, boolean finished) implements ImportItem {

    public ImportRecord {
        Objects.requireNonNull(content, "content");
        ImportProblem.checkPosition(index, line);
    }
}
