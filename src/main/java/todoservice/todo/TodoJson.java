package todoservice.todo;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.EntityTag;
import java.math.BigDecimal;
import java.time.Instant;

/** A todo as the tutorial's API shows it; times are epoch seconds with a fraction. */
public record TodoJson(
        String id,
        String content,
        @JsonProperty("created_at") BigDecimal createdAt,
        @JsonProperty("is_finished") boolean finished,
        @JsonProperty("finished_at") BigDecimal finishedAt) {

    public static TodoJson of(Todo todo) {
        return new TodoJson(todo.id().toHexString(), todo.content(), seconds(todo.createdAt()), todo.finished(),
                todo.finishedAt() == null ? null : seconds(todo.finishedAt()));
    }

    public static EntityTag etag(Todo todo) {
        return etag(todo.version());
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
