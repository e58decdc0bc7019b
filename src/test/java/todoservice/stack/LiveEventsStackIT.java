package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import todoservice.it.Poll;
import todoservice.it.RawHttp;
import todoservice.it.SseClient;

/**
 * {@code GET /events} through nginx: a change made on either node reaches a stream opened through nginx within a
 * second (nginx passes each event on at once instead of buffering the answer), and a stream outlives the 15 s of
 * silence between two heartbeats (nginx's usual read timeout is 12 s).
 */
@ExtendWith(StackExtension.class)
class LiveEventsStackIT {

    private static final int[] NODES = {8000, 8001};
    private static final int ROUNDS = 3;
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @Test
    void changesOnEitherNodeReachAStreamThroughNginxWithinASecondAndItOutlivesNginxsUsualReadTimeout() {
        StackAccount account = StackAccount.register();
        long opened = System.nanoTime();
        try (SseClient stream = SseClient.open(URI.create("http://127.0.0.1:" + Stack.PUBLIC_PORT + "/events"),
                "Authorization", account.token().bearer(), "Accept-Encoding", "gzip")) {
            assertThat(stream.status()).as(stream.body()).isEqualTo(200);
            // Asked for as a browser asks, the stream still comes uncompressed: events are tens of bytes, and a
            // compressor may hold them back.
            assertThat(stream.header("Content-Encoding")).isEmpty();
            assertThat(stream.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.header("X-Request-Id")).isPresent();
            assertThat(stream.awaitNth("ready", 1, GENEROUS)).isPresent();

            List<String> latencies = new ArrayList<>();
            int changes = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (int node : NODES) {
                    long began = System.nanoTime();
                    try (RawHttp client = account.client("127.0.0.1", node)) {
                        RawHttp.Reply created = client.send("POST", "/todo", ("{\"content\": \"" + UUID.randomUUID()
                                + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
                        assertThat(created.status()).isEqualTo(201);
                    }
                    changes++;
                    SseClient.Received changed = stream.awaitNth("changed", changes, GENEROUS).orElseThrow(
                            () -> new AssertionError("no change event for a write on " + node));
                    long millis = (changed.nanos() - began) / 1_000_000;
                    latencies.add(node + ": " + millis + " ms");
                    assertThat(Duration.ofMillis(millis)).as("write on %d to the event through nginx", node)
                            .isLessThan(WITHIN);
                }
            }
            Stack.figure("live events through nginx: write on a node to its change event on a stream (write begun"
                    + " to event read) %s", latencies);

            // nginx's usual proxy_read_timeout is 12 s: /events must wait longer than the 15 s between heartbeats.
            assertThat(Poll.until(Duration.ofSeconds(40), () -> stream.comments().size() >= 2))
                    .as("two heartbeats through nginx, 15 s of silence between them").isTrue();
            assertThat(stream.awaitEnd(Duration.ZERO)).as("the stream is still open").isFalse();
            Stack.figure("live events through nginx: stream still open after %.1f s, %d heartbeats received",
                    Stack.seconds(opened), stream.comments().size());
        }
    }
}
