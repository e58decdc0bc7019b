package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Paging by offset (the tutorial's start) and by cursor, including todos that share a creation time. */
class PaginationIT {

    @RegisterExtension
    static final TodoServiceExtension app = new TodoServiceExtension();

    private static final int CREATED = 25;
    private static final int SAME_INSTANT = 30;
    private static final List<String> newestFirst = new ArrayList<>();

    private final Http http = app.http();

    @BeforeAll
    static void createTodos() {
        // Thirty todos stored with one identical created_at, as a bulk import would write them; they are the
        // oldest, so they come last.
        Date instant = new Date(System.currentTimeMillis() - 60_000);
        List<ObjectId> ids = new ArrayList<>();
        try (MongoClient client = MongoClients.create(app.mongo().uri("todo"))) {
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < SAME_INSTANT; i++) {
                ObjectId id = new ObjectId();
                ids.add(id);
                docs.add(new Document("_id", id).append("owner", "anonymous").append("content", "same " + i)
                        .append("created_at", instant).append("is_finished", i % 3 == 0)
                        .append("finished_at", i % 3 == 0 ? instant : null).append("order", null)
                        .append("version", 1L));
            }
            client.getDatabase("todo").getCollection("todos").insertMany(docs);
        }
        List<String> created = new ArrayList<>();
        for (int i = 0; i < CREATED; i++) {
            created.add(app.http().postForm("/todo", Map.of("content", "todo " + i)).json().get("id").asText());
        }
        java.util.Collections.reverse(created);
        newestFirst.addAll(created);
        ids.sort(Comparator.reverseOrder());
        ids.forEach(id -> newestFirst.add(id.toHexString()));
    }

    @Test
    void theFirstPageHasTheTenNewestTodos() {
        JsonNode page = http.get("/todo").json();

        assertThat(ids(page)).containsExactlyElementsOf(newestFirst.subList(0, 10));
        assertThat(page.get("next").isTextual()).isTrue();
    }

    @Test
    void theTutorialsStartSkipsThatManyTodos() {
        assertThat(ids(http.get("/todo?start=10").json())).containsExactlyElementsOf(newestFirst.subList(10, 20));
        assertThat(ids(http.get("/todo?start=50&limit=10").json())).containsExactlyElementsOf(
                newestFirst.subList(50, 55));
    }

    @Test
    void followingCursorsVisitsEveryTodoOnceInOrderEvenWithEqualCreationTimes() {
        List<String> visited = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = http.get("/todo?limit=7" + (next == null ? "" : "&after=" + next)).json();
            visited.addAll(ids(page));
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (next != null && pages < 100);

        assertThat(visited).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo((CREATED + SAME_INSTANT + 6) / 7);
    }

    @Test
    void theLastPageSaysThereIsNoNextPage() {
        JsonNode page = http.get("/todo?start=" + (CREATED + SAME_INSTANT - 5)).json();

        assertThat(page.get("data")).hasSize(5);
        assertThat(page.get("next").isNull()).isTrue();
    }

    @Test
    void theFinishedFilterPagesThroughFinishedTodosOnly() {
        List<String> visited = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = http.get("/todo?finished=true&limit=4" + (next == null ? "" : "&after=" + next)).json();
            page.get("data").forEach(todo -> assertThat(todo.get("is_finished").asBoolean()).isTrue());
            visited.addAll(ids(page));
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null);

        assertThat(visited).hasSize(SAME_INSTANT / 3).doesNotHaveDuplicates();
        assertThat(ids(http.get("/todo?finished=false&limit=100").json()))
                .hasSize(CREATED + SAME_INSTANT - SAME_INSTANT / 3)
                .doesNotContainAnyElementsOf(visited);
    }

    @Test
    void limitChoosesThePageSizeUpToAHundred() {
        assertThat(ids(http.get("/todo?limit=1").json())).containsExactly(newestFirst.get(0));
        assertThat(ids(http.get("/todo?limit=100").json())).hasSize(CREATED + SAME_INSTANT);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(todo -> ids.add(todo.get("id").asText()));
        return ids;
    }
}
