package todoservice.todo;

import java.util.Objects;
import java.util.Optional;

/** What a client asks to create; {@code idempotencyKey} makes retries safe. */
public record NewTodo(String content, Integer order, Optional<String> idempotencyKey) {

    public NewTodo {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
