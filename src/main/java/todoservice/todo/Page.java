package todoservice.todo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A page of todos and, when more follow, the cursor of the next page. */
public record Page(List<Todo> todos, Optional<PageCursor> next) {

    public Page {
        todos = List.copyOf(todos);
        Objects.requireNonNull(next, "next");
    }
}
