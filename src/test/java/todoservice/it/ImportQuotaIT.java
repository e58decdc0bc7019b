package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An import into an account near its quota of todos stores what fits and says how many rows did not. */
class ImportQuotaIT {

    private static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = new TwoNodes(Map.of("AUTH_ANONYMOUS", "false", "QUOTA_TODOS", "5"));
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void anImportPastTheQuotaStoresWhatFitsAndReportsTheRest() {
        Http http = nodes.http;
        String login = "user-" + UUID.randomUUID() + "@example.org";
        String credentials = "{\"login\": \"" + login + "\", \"password\": \"a long enough password\"}";
        String accountId = http.postJson("/accounts", credentials).json().get("id").asText();
        String token = "Bearer " + http.postJson("/tokens", credentials).json().get("token").asText();
        assertThat(http.postJson("/todo", "{\"content\": \"already here\"}", "Authorization", token).status())
                .isEqualTo(201);

        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            rows.append("{\"content\": \"imported ").append(i).append("\"}\n");
        }
        Http.Reply accepted = http.send("POST", "/todo/import", HttpRequest.BodyPublishers.ofString(rows.toString()),
                "Content-Type", "application/x-ndjson", "Authorization", token);
        JsonNode job = Jobs.awaitEnd(http, Jobs.location(accepted), Duration.ofSeconds(60), "Authorization", token);
        assertThat(job.get("state").asText()).as("job %s", job).isEqualTo("succeeded");

        JsonNode report = http.get(Jobs.location(accepted) + "/result", "Authorization", token).json();
        assertThat(report.get("records").asLong()).isEqualTo(7);
        assertThat(report.get("imported").asLong()).isEqualTo(4);
        assertThat(report.get("over_quota").asLong()).isEqualTo(3);
        assertThat(report.get("quota").asText()).contains("quota of todos");
        assertThat(nodes.store.getDatabase("todo").getCollection("todos")
                .countDocuments(new Document("owner", accountId))).isEqualTo(5);
    }
}
