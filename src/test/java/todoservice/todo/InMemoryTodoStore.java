package todoservice.todo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;

/** A hand-written store for unit tests: same contract as the MongoDB one, kept in a map. */
final class InMemoryTodoStore implements TodoStore {

    private static final Comparator<Todo> NEWEST_FIRST =
            Comparator.comparing(Todo::createdAt).thenComparing(Todo::id).reversed();

    final Map<ObjectId, Todo> todos = new ConcurrentHashMap<>();
    /** Writes that sneak in before the next replace, as a concurrent editor would. */
    final List<Todo> interleavedWrites = new ArrayList<>();

    @Override
    public boolean insert(Todo todo) {
        return todos.putIfAbsent(todo.id(), todo) == null;
    }

    @Override
    public Optional<Todo> find(Owner owner, ObjectId id) {
        return Optional.ofNullable(todos.get(id)).filter(todo -> todo.owner().equals(owner));
    }

    @Override
    public Page list(PageRequest request) {
        List<Todo> matching = todos.values().stream()
                .filter(todo -> todo.owner().equals(request.owner()))
                .filter(todo -> request.finished().map(f -> f == todo.finished()).orElse(true))
                .filter(todo -> request.after().map(c -> NEWEST_FIRST.compare(todo,
                        new Todo(c.id(), todo.owner(), "-", c.createdAt(), false, null, null, 1)) > 0).orElse(true))
                .sorted(NEWEST_FIRST)
                .skip(request.offset())
                .toList();
        List<Todo> page = matching.subList(0, Math.min(request.limit(), matching.size()));
        return new Page(page, matching.size() > request.limit()
                ? Optional.of(PageCursor.after(page.get(page.size() - 1), request.finished()))
                : Optional.empty());
    }

    @Override
    public List<Todo> listOldestFirst(Owner owner, int limit) {
        return todos.values().stream().filter(todo -> todo.owner().equals(owner))
                .sorted(NEWEST_FIRST.reversed()).limit(limit).toList();
    }

    @Override
    public boolean replace(Todo current, Todo next) {
        if (!interleavedWrites.isEmpty()) {
            Todo sneaky = interleavedWrites.remove(0);
            todos.put(sneaky.id(), sneaky);
        }
        return todos.replace(current.id(), current, next);
    }

    @Override
    public boolean delete(Owner owner, ObjectId id) {
        return find(owner, id).map(todo -> todos.remove(id) != null).orElse(false);
    }

    @Override
    public long deleteAll(Owner owner, Optional<Boolean> finished) {
        List<ObjectId> doomed = todos.values().stream()
                .filter(todo -> todo.owner().equals(owner))
                .filter(todo -> finished.map(f -> f == todo.finished()).orElse(true))
                .map(Todo::id).toList();
        doomed.forEach(todos::remove);
        return doomed.size();
    }

    @Override
    public long markAll(Owner owner, boolean finished, java.time.Instant at) {
        List<Todo> changing = todos.values().stream()
                .filter(todo -> todo.owner().equals(owner) && todo.finished() != finished).toList();
        changing.forEach(todo -> todos.put(todo.id(), todo.apply(
                new TodoEdit(Optional.empty(), Optional.of(finished), Optional.empty()), at)));
        return changing.size();
    }

    @Override
    public long insertAll(List<Todo> batch) {
        return batch.stream().filter(this::insert).count();
    }

    @Override
    public long countUpTo(Owner owner, long most) {
        return Math.min(most, count(owner, Optional.empty()));
    }

    @Override
    public long count(Owner owner, Optional<Boolean> finished) {
        return todos.values().stream().filter(todo -> todo.owner().equals(owner))
                .filter(todo -> finished.map(f -> f == todo.finished()).orElse(true)).count();
    }

    @Override
    public TodoCounts counts(Owner owner) {
        return new TodoCounts(count(owner, Optional.empty()), count(owner, Optional.of(false)));
    }

    @Override
    public void forEachOldestFirst(Owner owner, java.util.function.Consumer<Todo> action) {
        todos.values().stream().filter(todo -> todo.owner().equals(owner)).sorted(NEWEST_FIRST.reversed()).forEach(action);
    }
}
