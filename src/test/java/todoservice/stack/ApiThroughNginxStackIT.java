package todoservice.stack;

import todoservice.it.Poll;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import todoservice.it.RawHttp;

/** Case 1: the API end to end through nginx and two Tomcat nodes, with the request id followed through the logs. */
@ExtendWith(StackExtension.class)
class ApiThroughNginxStackIT {

    private static final Duration LOG_LIMIT = Duration.ofSeconds(30);
    private static final Pattern NODE = Pattern.compile(" node=127\\.0\\.0\\.1:(800[01]) ");
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String PAGE = Stack.SETTINGS.get("CORS_ALLOWED_ORIGINS");

    private final RawHttp client = StackAccount.shared().client("127.0.0.3");

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void theTutorialApiWorksThroughNginxWithTheRequestIdInTheAnswerAndInTheLogs() {
        String requestId = "stack-" + UUID.randomUUID();
        RawHttp.Reply created = client.send("POST", "/todo", utf8("content=%E5%A5%BD%E5%A5%BD%E5%AD%A6%E4%B9%A0"),
                "Content-Type", FORM, "X-Request-Id", requestId);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("content").asText()).isEqualTo("好好学习");
        assertThat(created.header("Location")).isEqualTo("http://127.0.0.1:8888/todo/" + id);

        assertThat(client.get("/todo").json().get("data").findValuesAsText("id")).contains(id);
        RawHttp.Reply finished = client.send("PUT", "/todo/" + id + "/finish", new byte[0]);
        assertThat(finished.json().get("is_finished").asBoolean()).isTrue();
        RawHttp.Reply edited = client.send("PATCH", "/todo/" + id, utf8("{\"content\": \"天天向上\", \"is_finished\": false}"),
                "Content-Type", "application/json", "If-Match", finished.header("ETag"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(client.get("/todo/" + id, "If-None-Match", edited.header("ETag")).status()).isEqualTo(304);
        assertThat(client.send("DELETE", "/todo/" + id, null).status()).isEqualTo(204);
        RawHttp.Reply gone = client.get("/todo/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("Content-Type")).isEqualTo("application/problem+json");

        RawHttp.Reply backend = client.send("POST", "/todos", utf8("{\"title\": \"walk the dog\"}"),
                "Content-Type", "application/json");
        assertThat(backend.json().get("url").asText()).startsWith("http://127.0.0.1:8888/todos/");
        RawHttp.Reply preflight = client.send("OPTIONS", "/todos", null, "Origin", PAGE,
                "Access-Control-Request-Method", "PATCH");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers().get("access-control-allow-origin")).containsExactly(PAGE);

        String node = nodeThatServed(requestId);
        assertThat(Poll.until(LOG_LIMIT, () -> Stack.nodeAccessLog(node).stream()
                .anyMatch(line -> line.contains("\"POST /todo HTTP/1.1\" 201") && line.endsWith("request_id=" + requestId))))
                .as("the node's access log names request %s", requestId).isTrue();
    }

    @Test
    void aPageFromAnOriginTheServiceDoesNotAllowGetsNoCorsHeadersThroughNginx() {
        RawHttp.Reply answer = client.get("/todo?limit=1", "Origin", "https://evil.example");
        RawHttp.Reply preflight = client.send("OPTIONS", "/todo", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).doesNotContainKey("access-control-allow-origin");
        assertThat(preflight.headers()).doesNotContainKey("access-control-allow-origin");
        assertThat(client.get("/todo?limit=1", "Origin", PAGE).headers().get("access-control-allow-origin"))
                .containsExactly(PAGE);
    }

    @Test
    void aRequestWithoutAnIdGetsOneFromNginxThatTheNodeLogsAndEchoes() {
        RawHttp.Reply reply = client.get("/todo?limit=1");

        String requestId = reply.header("X-Request-Id");
        assertThat(reply.headers().get("x-request-id")).hasSize(1);
        assertThat(requestId).matches("[0-9a-f]{32}");
        String node = nodeThatServed(requestId);
        assertThat(Poll.until(LOG_LIMIT, () -> Stack.nodeAccessLog(node).stream()
                .anyMatch(line -> line.endsWith("request_id=" + requestId)))).isTrue();
    }

    @Test
    void aClientsWriteIsSeenByItsNextReadWhicheverNodeServesIt() {
        List<String[]> writeThenRead = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // A client of its own each round (its own address), so the per-client rate limit stays out of the way.
            try (RawHttp someone = StackAccount.shared().client("127.0.3." + (i + 1))) {
                String write = "rw-" + UUID.randomUUID();
                String content = "read your writes " + i;
                RawHttp.Reply created = someone.send("POST", "/todo", utf8("{\"content\": \"" + content + "\"}"),
                        "Content-Type", "application/json", "X-Request-Id", write);
                assertThat(created.status()).isEqualTo(201);
                String id = created.json().get("id").asText();

                String read = "rw-" + UUID.randomUUID();
                RawHttp.Reply page = someone.get("/todo", "X-Request-Id", read);
                assertThat(page.json().get("data").get(0).get("id").asText()).as("round %d", i).isEqualTo(id);
                writeThenRead.add(new String[] {write, read});

                String edit = "rw-" + UUID.randomUUID();
                someone.send("PATCH", "/todo/" + id, utf8("{\"content\": \"edited " + i + "\"}"),
                        "Content-Type", "application/json", "X-Request-Id", edit);
                String reread = "rw-" + UUID.randomUUID();
                assertThat(someone.get("/todo/" + id, "X-Request-Id", reread).json().get("content").asText())
                        .isEqualTo("edited " + i);
                assertThat(someone.get("/todo").json().get("data").get(0).get("content").asText())
                        .isEqualTo("edited " + i);
                writeThenRead.add(new String[] {edit, reread});
            }
        }
        long crossed = writeThenRead.stream()
                .filter(pair -> !nodeThatServed(pair[0]).equals(nodeThatServed(pair[1]))).count();
        Stack.figure("read-your-writes: %d write/read pairs, %d of them served by different nodes",
                writeThenRead.size(), crossed);
        assertThat(crossed).as("writes read back from the other node").isPositive();
    }

    /** "node1" or "node2", from nginx's access log line of the request. */
    static String nodeThatServed(String requestId) {
        AtomicReference<Optional<String>> node = new AtomicReference<>(Optional.empty());
        boolean found = Poll.until(LOG_LIMIT, () -> {
            node.set(Stack.nginxAccessLog().stream().filter(line -> line.contains(" request_id=" + requestId + " "))
                    .map(NODE::matcher).filter(Matcher::find).map(m -> m.group(1).equals("8000") ? "node1" : "node2")
                    .reduce((first, last) -> last));
            return node.get().isPresent();
        });
        assertThat(found).as("nginx's access log names request %s and its node", requestId).isTrue();
        return node.get().get();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
