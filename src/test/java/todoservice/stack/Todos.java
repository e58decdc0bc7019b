package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import todoservice.it.RawHttp;

/** Requests and checks the stack tests share: todos created through nginx, steady loads, their failures. */
final class Todos {

    private static final Duration PAUSE = Duration.ofMillis(40);

    private Todos() {
    }

    /** Creates a todo of the shared account through nginx (from 127.0.0.9) and returns its id. */
    static String create(String content) {
        return create(StackAccount.shared(), content);
    }

    /** The same, for {@code account}. */
    static String create(StackAccount account, String content) {
        try (RawHttp client = account.client("127.0.0.9")) {
            RawHttp.Reply created = client.send("POST", "/todo", json(content), "Content-Type", "application/json");
            assertThat(created.status()).isEqualTo(201);
            return created.json().get("id").asText();
        }
    }

    /** Clients that alternately read the first page and the todo {@code id}, about 25 requests/s each. */
    static Load reads(String addressPrefix, int clients, String id) {
        return reads(StackAccount.shared(), addressPrefix, clients, id);
    }

    /** The same, acting for {@code account}. */
    static Load reads(StackAccount account, String addressPrefix, int clients, String id) {
        return Load.start(account, addressPrefix, clients, PAUSE, (client, n) -> {
            String path = n % 2 == 0 ? "/todo?limit=5" : "/todo/" + id;
            return Load.Outcome.of("GET " + path, client.get(path), "");
        });
    }

    /** Clients that create todos whose content is {@code prefix} + a unique suffix (kept as the detail). */
    static Load writes(String addressPrefix, int clients, String prefix) {
        return writes(StackAccount.shared(), addressPrefix, clients, prefix);
    }

    /** The same, acting for {@code account}. */
    static Load writes(StackAccount account, String addressPrefix, int clients, String prefix) {
        return Load.start(account, addressPrefix, clients, PAUSE, (client, n) -> {
            String content = prefix + UUID.randomUUID();
            RawHttp.Reply reply = client.send("POST", "/todo", json(content), "Content-Type", "application/json");
            return Load.Outcome.of("POST /todo", reply, content);
        });
    }

    /** The node answers readiness itself, bypassing nginx. */
    static boolean nodeReady(int port) {
        try (RawHttp direct = new RawHttp("127.0.0.1", port)) {
            return direct.get("/health/ready").status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Sends one GET through nginx and tells whether {@code node} served it, according to nginx's log. */
    static boolean servedBy(String address, String node) {
        String requestId = "probe-" + UUID.randomUUID();
        try (RawHttp client = new RawHttp(address, Stack.PUBLIC_PORT)) {
            client.get("/health/live", "X-Request-Id", requestId);
        }
        return ApiThroughNginxStackIT.nodeThatServed(requestId).equals(node);
    }

    static List<Load.Outcome> failures(List<Load.Outcome> outcomes, int expectedStatus) {
        return outcomes.stream().filter(outcome -> outcome.status() != expectedStatus).toList();
    }

    static double slowest(List<Load.Outcome> outcomes) {
        return outcomes.stream().mapToDouble(Load.Outcome::seconds).max().orElse(0);
    }

    /**
     * No POST ran twice: each content that starts with {@code prefix} is stored at most once, and exactly once
     * when its POST answered 201.
     */
    static void assertNoDuplicates(List<Load.Outcome> posts, String prefix) {
        assertNoDuplicates(StackAccount.shared(), posts, prefix);
    }

    /** The same, for {@code account}'s todos. */
    static void assertNoDuplicates(StackAccount account, List<Load.Outcome> posts, String prefix) {
        Map<String, Integer> stored = new HashMap<>();
        try (RawHttp client = account.client("127.0.0.9")) {
            String after = null;
            do {
                String page = "/todo?limit=100" + (after == null ? "" : "&after=" + after);
                JsonNode answer = client.get(page).json();
                for (JsonNode todo : answer.get("data")) {
                    String content = todo.get("content").asText();
                    if (content.startsWith(prefix)) {
                        stored.merge(content, 1, Integer::sum);
                    }
                }
                after = answer.get("next").isNull() ? null
                        : URLEncoder.encode(answer.get("next").asText(), StandardCharsets.UTF_8);
            } while (after != null);
        }
        assertThat(stored.values()).as("copies of each POSTed todo").allMatch(copies -> copies == 1);
        for (Load.Outcome post : posts) {
            if (post.status() == 201) {
                assertThat(stored).as("todo of a 201").containsKey(post.detail());
            }
        }
    }

    static byte[] json(String content) {
        return ("{\"content\": \"" + content + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
