package todoservice.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;
import todoservice.cache.CacheNames;
import todoservice.cache.CachedValue;
import todoservice.cache.TwoTierCache;

/**
 * The hot reads of the tutorial's API through the two-tier cache, as serialized JSON: each owner's first page of
 * every filter and size, the owner's counts, and single todos by id (with their version, for ETags). The Todo-Backend representation
 * is not cached: its links depend on the request's host.
 */
public final class TodoReadCache {

    /**
     * The todo cache's names in Redis and on {@code /metrics}: keys {@code todo:v1:...}, meters
     * {@code todo_cache_*}, the L1 as {@code cache="todo.l1"}. Operators' dashboards depend on them.
     */
    public static final CacheNames NAMES = new CacheNames("todo:v1:", "todo.cache", "todo.l1");

    private static final String COUNTS_KEY = "counts";

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

    /** The cache's logical key of a first page: its filter and size (the owner is a key of its own). */
    public static String pageKey(PageRequest request) {
        String filter = request.finished().map(f -> f ? "t" : "f").orElse("a");
        return "page:" + filter + ":" + request.limit();
    }

    /** The cache's logical key of one todo. */
    public static String todoKey(ObjectId id) {
        return "todo:" + id.toHexString();
    }

    public CachedValue firstPage(PageRequest request) {
        return cache.get(request.owner().id(), pageKey(request),
                () -> CachedValue.of(bytes(PageJson.of(store.list(request))), 0));
    }

    /** The owner's counts as JSON, cached like a page until the owner's next write. */
    public CachedValue counts(Owner owner) {
        return cache.get(owner.id(), COUNTS_KEY, () -> CachedValue.of(bytes(store.counts(owner)), 0));
    }

    /** The todo's JSON and version; a malformed or unknown id is {@link TodoException} NOT_FOUND. */
    public CachedValue todo(Owner owner, String id) {
        var todoId = TodoIds.parse(id).orElseThrow(TodoException::notFound);
        CachedValue value = cache.get(owner.id(), todoKey(todoId), () -> {
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
