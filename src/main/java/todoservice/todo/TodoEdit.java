package todoservice.todo;

import java.util.Objects;
import java.util.Optional;

/** The fields a client wants changed; an empty field stays as it is. */
public record TodoEdit(Optional<String> content, Optional<Boolean> finished, Optional<Integer> order) {

    public static final TodoEdit FINISH = new TodoEdit(Optional.empty(), Optional.of(true), Optional.empty());

    public TodoEdit {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(order, "order");
    }

    public boolean isEmpty() {
        return content.isEmpty() && finished.isEmpty() && order.isEmpty();
    }
}
