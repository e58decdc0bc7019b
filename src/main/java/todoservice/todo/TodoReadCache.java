package todoservice.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;
import todoservice.auth.Owner;
import todoservice.cache.CachedValue;
import todoservice.cache.TwoTierCache;

/**
 * The hot reads of the tutorial's API through the two-tier cache, as serialized JSON: each owner's first page of
 * every filter and size, and single todos by id (with their version, for ETags). The Todo-Backend representation
 * is not cached: its links depend on the request's host.
 */
public final class TodoReadCache {

    private final TwoTierCache cache;
    private final TodoStore store;
    private final ObjectMapper json;

    public TodoReadCache(TwoTierCache cache, TodoStore store, ObjectMapper json) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.store = Objects.requireNonNull(store, "store");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Whether a page request is one the cache keeps: the first page, without offset or cursor. */
    public static boolean isCached(PageRequest request) {
        return request.offset() == 0 && request.after().isEmpty();
    }

    public CachedValue firstPage(PageRequest request) {
        String filter = request.finished().map(f -> f ? "t" : "f").orElse("a");
        return cache.get(request.owner().id(), "page:" + filter + ":" + request.limit(),
                () -> CachedValue.of(bytes(PageJson.of(store.list(request))), 0));
    }

    /** The todo's JSON and version; a malformed or unknown id is {@link TodoException} NOT_FOUND. */
    public CachedValue todo(Owner owner, String id) {
        var todoId = TodoIds.parse(id).orElseThrow(TodoException::notFound);
        CachedValue value = cache.get(owner.id(), "todo:" + todoId.toHexString(), () -> {
            Optional<Todo> todo = store.find(owner, todoId);
            return todo.map(t -> CachedValue.of(bytes(TodoJson.of(t)), t.version())).orElse(CachedValue.ABSENT);
        });
        if (value.absent()) {
            throw TodoException.notFound();
        }
        return value;
    }

    private byte[] bytes(Object representation) {
        try {
            return json.writeValueAsBytes(representation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A todo representation could not be written as JSON", e);
        }
    }
}
