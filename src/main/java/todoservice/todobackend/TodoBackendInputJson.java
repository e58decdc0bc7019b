package todoservice.todobackend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;
import todoservice.todo.TodoEdit;

/** What Todo-Backend clients send; they often echo whole todos back ({@code id}, {@code url}), which is ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TodoBackendInputJson(String title, Boolean completed, Integer order) {

    public TodoEdit toEdit() {
        return new TodoEdit(Optional.ofNullable(title), Optional.ofNullable(completed), Optional.ofNullable(order));
    }
}
