package todoservice.todo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;
import todoservice.limits.Quotas;
import todoservice.ops.Sha256;
import todoservice.web.IdempotencyKey;

/** The todo rules: validation, idempotent creation, conditional edits. Scoped to one owner per call. */
public final class TodoService {

    /** Concurrent edits retry this often before giving up with a conflict. */
    private static final int EDIT_ATTEMPTS = 5;

    private final TodoStore store;
    private final IdempotencyKeys keys;
    private final Clock clock;
    private final int maxContentLength;
    private final Quotas quotas;

    public TodoService(TodoStore store, IdempotencyKeys keys, Clock clock, int maxContentLength, Quotas quotas) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxContentLength = maxContentLength;
        this.quotas = Objects.requireNonNull(quotas, "quotas");
    }

    /** A todo just created, or the one an earlier request with the same idempotency key created. */
    public record Created(Todo todo, boolean replayed) {
    }

    public Created create(Owner owner, NewTodo request) {
        String content = checkContent(request.content());
        if (request.idempotencyKey().isEmpty()) {
            ensureRoom(owner);
            Todo todo = Todo.create(new ObjectId(), owner, content, request.order(), now());
            store.insert(todo);
            return new Created(todo, false);
        }
        String key = IdempotencyKey.check(request.idempotencyKey().get());
        String fingerprint = fingerprint(content, request.order());
        var claim = keys.claim(owner, key, fingerprint, new ObjectId(), now());
        if (!claim.fingerprint().equals(fingerprint)) {
            throw new TodoException(TodoException.Reason.KEY_REUSED,
                    "This Idempotency-Key was already used for a different todo.");
        }
        if (!claim.claimedNow()) {
            Optional<Todo> earlier = store.find(owner, claim.todoId());
            if (earlier.isPresent()) {
                return new Created(earlier.get(), true);
            }
            if (claim.stored()) {
                throw new TodoException(TodoException.Reason.CONFLICT,
                        "The todo created with this Idempotency-Key has since been deleted.");
            }
        }
        // A new claim, or an earlier attempt that died before storing its todo: store it under the claimed id. A
        // refusal by the quota leaves the claim unstored, so the same key works once there is room.
        ensureRoom(owner);
        Todo todo = Todo.create(claim.todoId(), owner, content, request.order(), now());
        if (!store.insert(todo)) {
            todo = store.find(owner, claim.todoId()).orElseThrow(TodoException::notFound);
        }
        keys.markStored(owner, key);
        return new Created(todo, !claim.claimedNow());
    }

    /** How many more todos {@code owner} may store now (an import stores up to this many). */
    public long roomFor(Owner owner) {
        return quotas.roomForTodos(owner.id(), most -> store.countUpTo(owner, most));
    }

    private void ensureRoom(Owner owner) {
        quotas.ensureRoomForTodo(owner.id(), most -> store.countUpTo(owner, most));
    }

    public Todo get(Owner owner, String id) {
        return store.find(owner, parse(id)).orElseThrow(TodoException::notFound);
    }

    public Page list(PageRequest request) {
        return store.list(request);
    }

    public List<Todo> listOldestFirst(Owner owner, int limit) {
        return store.listOldestFirst(owner, limit);
    }

    /** Finishing twice keeps the first {@code finished_at}. */
    public Todo finish(Owner owner, String id) {
        return edit(owner, id, TodoEdit.FINISH, current -> true);
    }

    /**
     * Applies {@code edit} if {@code precondition} holds for the todo as stored; a concurrent change makes it
     * re-read and re-check, so a precondition is never judged against a version that is already gone.
     */
    public Todo edit(Owner owner, String id, TodoEdit edit, Predicate<Todo> precondition) {
        if (edit.isEmpty()) {
            throw TodoException.invalid("Nothing to change: the request names no field to edit.");
        }
        TodoEdit checked = new TodoEdit(edit.content().map(this::checkContent), edit.finished(), edit.order());
        ObjectId todoId = parse(id);
        for (int attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
            Todo current = store.find(owner, todoId).orElseThrow(TodoException::notFound);
            if (!precondition.test(current)) {
                throw new TodoException(TodoException.Reason.PRECONDITION_FAILED,
                        "The todo changed since you read it; fetch it again and retry.");
            }
            Todo next = current.apply(checked, now());
            if (store.replace(current, next)) {
                return next;
            }
        }
        throw new TodoException(TodoException.Reason.CONFLICT, "The todo is being changed by others; retry.");
    }

    public void delete(Owner owner, String id) {
        if (!store.delete(owner, parse(id))) {
            throw TodoException.notFound();
        }
    }

    public long deleteAll(Owner owner, Optional<Boolean> finished) {
        return store.deleteAll(owner, finished);
    }

    private static ObjectId parse(String id) {
        return TodoIds.parse(id).orElseThrow(TodoException::notFound);
    }

    private Instant now() {
        // The store keeps milliseconds; truncating here makes a created todo equal to the one read back later.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The rules of a todo's text; throws {@link TodoException} (INVALID) naming the broken one. */
    public String checkContent(String content) {
        if (content == null || content.isBlank()) {
            throw TodoException.invalid("The todo's text is required and must not be blank.");
        }
        if (content.codePointCount(0, content.length()) > maxContentLength) {
            throw TodoException.invalid("The todo's text is longer than " + maxContentLength + " characters.");
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < content.length()
                    && Character.isLowSurrogate(content.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || c == '\0') {
                throw TodoException.invalid("The todo's text is not valid Unicode.");
            }
        }
        return content;
    }

    /** An idempotency key's rules (also for jobs): 1 to 255 visible ASCII characters. */
    static String fingerprint(String content, Integer order) {
        // Exactly these bytes (content, a zero byte, the order): fingerprints already stored must keep matching.
        MessageDigest sha256 = Sha256.digest();
        sha256.update(content.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(String.valueOf(order).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha256.digest());
    }
}
