package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests a well-behaved client library would never send, written byte by byte to a node: each is answered with
 * a 4xx RFC 9457 problem in the client's words (no Java class, no library internals), carries the request id,
 * stores nothing, and leaves the node answering normally.
 */
class HostileRequestsIT {

    @RegisterExtension
    static final TodoServiceExtension app = new TodoServiceExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Words that only an implementation would say: a client of this API must never read them. */
    private static final String[] INTERNALS = {"java.", "jakarta.", "org.", "com.", "Exception", "StreamReadConstraints",
            "getMax", "<html", "<!doctype", "Jackson", "Jersey", "Tomcat", "Jetty", "mongo"};

    private static String existingId;

    @BeforeAll
    static void createOneTodo() {
        Http.Reply created = app.http().postJson("/todo", "{\"content\": \"already here\"}");
        assertThat(created.status()).isEqualTo(201);
        existingId = created.json().get("id").asText();
    }

    static Stream<Arguments> hostileRequests() {
        String json = "Content-Type: application/json\r\n";
        return Stream.of(
                Arguments.of("a form in an unknown charset", 415, "POST", "/todo",
                        "Content-Type: application/x-www-form-urlencoded; charset=x-unknown\r\n", "content=hello"),
                Arguments.of("a form in a charset name that is not even legal", 415, "POST", "/todo",
                        "Content-Type: application/x-www-form-urlencoded; charset=\"a b\"\r\n", "content=hello"),
                Arguments.of("JSON in an unknown charset", 415, "POST", "/todo",
                        "Content-Type: application/json; charset=x-unknown\r\n", "{\"content\": \"hello\"}"),
                Arguments.of("a malformed If-Match", 400, "PATCH", "/todo/{id}",
                        json + "If-Match: not-an-etag\r\n", "{\"content\": \"changed\"}"),
                Arguments.of("a malformed If-None-Match", 400, "GET", "/todo/{id}",
                        "If-None-Match: \"unterminated\r\n", ""),
                Arguments.of("a Content-Type parameter without a value", 400, "POST", "/todo",
                        "Content-Type: application/json; charset\r\n", "{\"content\": \"hello\"}"),
                Arguments.of("a Content-Type that is not a media type", 400, "POST", "/todo",
                        "Content-Type: json\r\n", "{\"content\": \"hello\"}"),
                Arguments.of("an Accept with a quality that is not a number", 400, "GET", "/todo",
                        "Accept: application/json;q=abc\r\n", ""),
                Arguments.of("a method the collection does not have", 405, "PUT", "/todo",
                        json, "{\"content\": \"changed\"}"),
                Arguments.of("a method the collection does not have, without a body", 405, "PUT", "/todo", "", ""),
                Arguments.of("a field given twice", 400, "POST", "/todo",
                        json, "{\"content\": \"a\", \"content\": \"b\"}"),
                Arguments.of("a field given twice in an edit", 400, "PATCH", "/todo/{id}",
                        json, "{\"content\": \"a\", \"content\": \"b\"}"),
                Arguments.of("a field given twice on the Todo-Backend API", 400, "POST", "/todos",
                        json, "{\"title\": \"a\", \"title\": \"b\"}"),
                Arguments.of("an unknown field on the Todo-Backend API", 400, "POST", "/todos",
                        json, "{\"title\": \"a\", \"owner\": \"someone else\"}"),
                Arguments.of("an unknown field in a Todo-Backend edit", 400, "PATCH", "/todos/{id}",
                        json, "{\"completed\": true, \"priority\": 1}"),
                Arguments.of("JSON nested deeper than the parser allows", 400, "POST", "/todo",
                        json, "{\"content\": " + "[".repeat(1200) + "]".repeat(1200) + "}"),
                Arguments.of("a number longer than the parser allows", 400, "POST", "/todo",
                        json, "{\"content\": \"x\", \"finished\": " + "9".repeat(1200) + "}"),
                Arguments.of("a truncated JSON body", 400, "POST", "/todo", json, "{\"content\": \"hel"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("hostileRequests")
    void isRefusedWithAProblemInTheClientsWordsAndChangesNothing(String name, int status, String method,
            String path, String headers, String body) throws IOException {
        String before = app.http().get("/todos").body();

        Answer answer = send(method, path.replace("{id}", existingId), headers, body);

        assertThat(answer.status()).as("status of %s: %s", name, answer.body()).isEqualTo(status);
        assertThat(answer.header("content-type")).as("content type").startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).as("detail").isNotBlank();
        assertThat(answer.body()).as("problem body").doesNotContain(INTERNALS);
        assertThat(answer.header("x-request-id")).as("X-Request-Id").isNotBlank();
        if (status == 405) {
            assertThat(answer.header("allow")).as("Allow").contains("GET").contains("POST");
        }
        assertThat(app.http().get("/todos").body()).as("the todos after %s", name).isEqualTo(before);
        assertThat(app.http().get("/todo").status()).as("a normal request afterwards").isEqualTo(200);
    }

    private record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    /** One request on a fresh connection, written as is: no client library normalises or refuses it. */
    private static Answer send(String method, String path, String headers, String body) throws IOException {
        URI base = app.server().base();
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + headers + (content.length > 0 || !headers.isEmpty() ? "Content-Length: " + content.length + "\r\n" : "")
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a complete answer: %s", text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        String body = text.substring(end + 4);
        if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String unchunk(String chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked.getBytes(StandardCharsets.UTF_8));
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
                size.append((char) c);
            }
            int length = Integer.parseInt(size.toString().trim(), 16);
            if (length == 0) {
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(length));
            in.skipNBytes(2);
        }
    }
}
