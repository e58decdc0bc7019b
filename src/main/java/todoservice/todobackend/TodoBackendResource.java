package todoservice.todobackend;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import todoservice.auth.OwnerResolver;
import todoservice.auth.Scope;
import todoservice.todo.NewTodo;
import todoservice.todo.Todo;
import todoservice.todo.TodoEdit;
import todoservice.todo.TodoException;
import todoservice.todo.TodoService;

/** The Todo-Backend contract (todobackend.com) at {@code /todos}, over the same todos as {@code /todo}. */
@Path("todos")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TodoBackendResource {

    /** The list has no paging in this contract; this many todos, oldest first, is what it shows. */
    public static final int MAX_LISTED = 1000;

    private final TodoService todos;
    private final OwnerResolver owners;

    public TodoBackendResource(TodoService todos, OwnerResolver owners) {
        this.todos = Objects.requireNonNull(todos, "todos");
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    @GET
    public List<TodoBackendJson> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        return todos.listOldestFirst(owners.resolve(authorization, Scope.READ), MAX_LISTED).stream()
                .map(todo -> TodoBackendJson.of(todo, uri))
                .toList();
    }

    @POST
    public Response create(TodoBackendInputJson body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        TodoBackendInputJson input = requireBody(body);
        Todo todo = todos.create(owners.resolve(authorization, Scope.WRITE),
                new NewTodo(input.title(), input.order(), Optional.empty())).todo();
        TodoBackendJson json = TodoBackendJson.of(todo, uri);
        return Response.created(URI.create(json.url())).entity(json).build();
    }

    @DELETE
    public Response deleteAll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        todos.deleteAll(owners.resolve(authorization, Scope.WRITE), Optional.empty());
        return Response.noContent().build();
    }

    @GET
    @Path("{id}")
    public TodoBackendJson get(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        return TodoBackendJson.of(todos.get(owners.resolve(authorization, Scope.READ), id), uri);
    }

    @PATCH
    @Path("{id}")
    public TodoBackendJson edit(@PathParam("id") String id, TodoBackendInputJson body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        TodoEdit edit = requireBody(body).toEdit();
        if (edit.isEmpty()) {
            throw new TodoException(TodoException.Reason.INVALID, "Nothing to change: give title, completed or order.");
        }
        Todo todo = todos.edit(owners.resolve(authorization, Scope.WRITE), id, edit, current -> true);
        return TodoBackendJson.of(todo, uri);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        todos.delete(owners.resolve(authorization, Scope.WRITE), id);
        return Response.noContent().build();
    }

    private static TodoBackendInputJson requireBody(TodoBackendInputJson body) {
        if (body == null) {
            throw new TodoException(TodoException.Reason.INVALID,
                    "The body is empty; send a JSON object such as {\"title\": \"...\"}.");
        }
        return body;
    }
}
