package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The counts behind the web page's "N items left": right after every write, cached, and per account. */
class TodoCountsIT {

    @RegisterExtension
    static final TodoServiceExtension app = new TodoServiceExtension("", Map.of("AUTH_ANONYMOUS", "false"));

    private final Http http = app.http();

    private JsonNode counts(String bearer) {
        Http.Reply reply = http.get("/todo/counts", "Authorization", bearer);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private static void assertCounts(JsonNode counts, long all, long active) {
        assertThat(counts.get("all").asLong()).as("all in %s", counts).isEqualTo(all);
        assertThat(counts.get("active").asLong()).as("active in %s", counts).isEqualTo(active);
        assertThat(counts.get("completed").asLong()).as("completed in %s", counts).isEqualTo(all - active);
    }

    @Test
    void itemsLeftFollowsEveryWriteAtOnceAndNeverCountsAnotherAccountsTodos() {
        String ada = TestAccounts.newBearer(http);
        String bob = TestAccounts.newBearer(http);
        assertCounts(counts(ada), 0, 0);
        String first = null;
        for (int i = 0; i < 3; i++) {
            Http.Reply created = http.postJson("/todo", "{\"content\": \"todo " + i + "\"}", "Authorization", ada);
            assertThat(created.status()).isEqualTo(201);
            first = first == null ? created.json().get("id").asText() : first;
            assertCounts(counts(ada), i + 1, i + 1); // read, cached, then invalidated by the next write
        }
        assertThat(http.put("/todo/" + first + "/finish", "Authorization", ada).status()).isEqualTo(200);
        assertCounts(counts(ada), 3, 2);
        assertThat(http.delete("/todo/" + first, "Authorization", ada).status()).isEqualTo(204);
        assertCounts(counts(ada), 2, 2);
        assertCounts(counts(bob), 0, 0);
        assertThat(http.get("/todo/counts").status()).as("without a token").isEqualTo(401);
    }
}
