package todoservice.todobackend;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.UriInfo;
import todoservice.todo.Todo;

/**
 * A todo as Todo-Backend clients expect it. {@code url} is absolute and built from this request's base URI
 * (which the container derives from the proxy's forwarded headers when it trusts the proxy).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TodoBackendJson(String id, String title, boolean completed, Integer order, String url) {

    public static TodoBackendJson of(Todo todo, UriInfo uri) {
        String id = todo.id().toHexString();
        return new TodoBackendJson(id, todo.content(), todo.finished(), todo.order(),
                uri.getBaseUriBuilder().path("todos").path(id).build().toString());
    }
}
