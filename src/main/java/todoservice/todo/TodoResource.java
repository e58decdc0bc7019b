package todoservice.todo;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import todoservice.auth.Owner;
import todoservice.auth.OwnerResolver;
import todoservice.auth.Scope;
import todoservice.cache.CachedValue;
import todoservice.web.FormFields;
import todoservice.web.QueryParams;

/** The tutorial's API at {@code /todo}: forms or JSON in, JSON out. */
@Path("todo")
@Produces(MediaType.APPLICATION_JSON)
public final class TodoResource {

    private final TodoService todos;
    private final TodoReadCache cache;
    private final OwnerResolver owners;
    private final TodoJobs jobs;

    public TodoResource(TodoService todos, TodoReadCache cache, OwnerResolver owners, TodoJobs jobs) {
        this.todos = Objects.requireNonNull(todos, "todos");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    @GET
    public Response list(@QueryParam("start") String start, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @QueryParam("finished") String finished,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<Boolean> finishedFilter = QueryParams.booleanParam("finished", finished);
        int offset = QueryParams.intParam("start", start, 0, 0, PageRequest.MAX_OFFSET);
        int size = QueryParams.intParam("limit", limit, PageRequest.DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
        Optional<PageCursor> cursor = Optional.ofNullable(after).filter(token -> !token.isEmpty()).map(token -> {
            try {
                return PageCursor.decode(token);
            } catch (IllegalArgumentException e) {
                throw TodoException.invalid("after: " + e.getMessage() + ".");
            }
        });
        if (start != null && cursor.isPresent()) {
            throw TodoException.invalid("Use either start (an offset) or after (a cursor), not both.");
        }
        PageRequest page;
        try {
            page = new PageRequest(owners.resolve(authorization, Scope.READ), finishedFilter, size, offset, cursor);
        } catch (IllegalArgumentException e) {
            throw TodoException.invalid(e.getMessage() + ".");
        }
        if (TodoReadCache.isCached(page)) {
            return Response.ok(cache.firstPage(page).body(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(PageJson.of(todos.list(page))).build();
    }

    /** How many todos the caller has, in all, active and completed (the web page's footer). */
    @GET
    @Path("counts")
    public Response counts(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Owner owner = owners.resolve(authorization, Scope.READ);
        return Response.ok(cache.counts(owner).body(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createFromForm(MultivaluedMap<String, String> form,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        String content = FormFields.only(form, Set.of("content")).getFirst("content");
        return created(todos.create(owners.resolve(authorization, Scope.WRITE),
                new NewTodo(content, null, Optional.ofNullable(idempotencyKey))), uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createFromJson(TodoInputJson body, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        TodoInputJson input = requireBody(body);
        if (input.finished() != null) {
            throw TodoException.invalid("A new todo is unfinished; finish it with PUT /todo/{id}/finish.");
        }
        return created(todos.create(owners.resolve(authorization, Scope.WRITE),
                new NewTodo(input.content(), null, Optional.ofNullable(idempotencyKey))), uri);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context Request conditions,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        CachedValue todo = cache.todo(owners.resolve(authorization, Scope.READ), id);
        EntityTag etag = TodoJson.etag(todo.version());
        Response.ResponseBuilder notModified = conditions.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.build();
        }
        return Response.ok(todo.body(), MediaType.APPLICATION_JSON_TYPE).tag(etag).build();
    }

    @PUT
    @Path("{id}/finish")
    public Response finish(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return withTag(todos.finish(owners.resolve(authorization, Scope.WRITE), id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response editFromJson(@PathParam("id") String id, TodoInputJson body, @Context Request conditions,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return edit(id, requireBody(body).toEdit(), conditions, authorization);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editFromForm(@PathParam("id") String id, MultivaluedMap<String, String> form,
            @Context Request conditions, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        MultivaluedMap<String, String> fields = FormFields.only(form, Set.of("content", "is_finished"));
        TodoEdit edit = new TodoEdit(Optional.ofNullable(fields.getFirst("content")),
                QueryParams.booleanParam("is_finished", fields.getFirst("is_finished")), Optional.empty());
        return edit(id, edit, conditions, authorization);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        todos.delete(owners.resolve(authorization, Scope.WRITE), id);
        return Response.noContent().build();
    }

    /**
     * Deleting in bulk needs a filter, so a stray {@code DELETE /todo} cannot wipe a list. It runs as a background
     * job: 202 with the job's {@code Location}.
     */
    @DELETE
    public Response deleteFiltered(@QueryParam("finished") String finished,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        Optional<Boolean> filter = QueryParams.booleanParam("finished", finished);
        if (filter.isEmpty()) {
            throw TodoException.invalid("DELETE /todo needs a filter: finished=true or finished=false.");
        }
        return jobs.deleteAll(owners.resolve(authorization, Scope.WRITE), filter.get(),
                Optional.ofNullable(idempotencyKey), uri);
    }

    /**
     * Finishes (or reopens) every todo, however many pages they fill: {@code {"is_finished": true}} and nothing
     * else. A background job like the bulk delete: 202 with the job's {@code Location}.
     */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public Response markAll(TodoInputJson body, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        TodoInputJson input = requireBody(body);
        if (input.content() != null || input.finished() == null) {
            throw TodoException.invalid("PATCH /todo changes every todo at once and takes is_finished alone, e.g."
                    + " {\"is_finished\": true}; edit one todo's content with PATCH /todo/{id}.");
        }
        return jobs.markAll(owners.resolve(authorization, Scope.WRITE), input.finished(),
                Optional.ofNullable(idempotencyKey), uri);
    }

    private Response edit(String id, TodoEdit edit, Request conditions, String authorization) {
        // Judged against the stored version inside the write loop, so a concurrent edit between read and
        // write still fails If-Match instead of being overwritten.
        Todo edited = todos.edit(owners.resolve(authorization, Scope.WRITE), id, edit,
                current -> conditions.evaluatePreconditions(TodoJson.etag(current)) == null);
        return withTag(edited);
    }

    private static Response withTag(Todo todo) {
        return Response.ok(TodoJson.of(todo)).tag(TodoJson.etag(todo)).build();
    }

    private static Response created(TodoService.Created created, UriInfo uri) {
        Todo todo = created.todo();
        Response.ResponseBuilder answer = Response
                .created(uri.getBaseUriBuilder().path("todo").path(todo.id().toHexString()).build())
                .entity(TodoJson.of(todo))
                .tag(TodoJson.etag(todo));
        if (created.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    private static TodoInputJson requireBody(TodoInputJson body) {
        if (body == null) {
            throw TodoException.invalid("The body is empty; send a JSON object such as {\"content\": \"...\"}.");
        }
        return body;
    }
}
