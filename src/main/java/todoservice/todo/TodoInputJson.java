package todoservice.todo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** The JSON body of {@code POST /todo} and {@code PATCH /todo/{id}}. */
public record TodoInputJson(String content, @JsonProperty("is_finished") Boolean finished) {

    public TodoEdit toEdit() {
        return new TodoEdit(Optional.ofNullable(content), Optional.ofNullable(finished), Optional.empty());
    }
}
