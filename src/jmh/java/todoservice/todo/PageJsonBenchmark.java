package todoservice.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.types.ObjectId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import todoservice.auth.Owner;
import todoservice.web.ObjectMapperProvider;

/**
 * What a cache miss spends on JSON: a page of todos to the bytes the cache stores and the client receives
 * ({@code PageJson.of(page)} through the service's {@link ObjectMapper}). Every third todo is finished, and the
 * page has a next cursor, as a first page of a longer list does.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PageJsonBenchmark {

    @Param({"10", "100"})
    public int size;

    private ObjectMapper json;
    private Page page;

    @Setup
    public void setUp() {
        json = ObjectMapperProvider.create();
        Instant newest = Instant.parse("2026-11-25T15:00:00Z");
        List<Todo> todos = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Instant created = newest.minusSeconds(60L * i);
            boolean finished = i % 3 == 0;
            todos.add(new Todo(new ObjectId(), Owner.ANONYMOUS, "benchmark todo " + (size - i), created, finished,
                    finished ? created.plusSeconds(30) : null, null, finished ? 2 : 1));
        }
        page = new Page(todos, Optional.of(PageCursor.after(todos.get(size - 1), Optional.empty())));
    }

    @Benchmark
    public byte[] writePage() throws JsonProcessingException {
        return json.writeValueAsBytes(PageJson.of(page));
    }
}
