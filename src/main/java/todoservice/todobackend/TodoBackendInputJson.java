package todoservice.todobackend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;
import todoservice.todo.TodoEdit;

/**
 * What Todo-Backend clients send. They often echo whole todos back: {@code id} and {@code url} are ignored, any
 * other unknown field is refused like everywhere else.
 */
@JsonIgnoreProperties({"id", "url"})
public record TodoBackendInputJson(String title, Boolean completed, Integer order) {

    public TodoEdit toEdit() {
        return new TodoEdit(Optional.ofNullable(title), Optional.ofNullable(completed), Optional.ofNullable(order));
    }
}
