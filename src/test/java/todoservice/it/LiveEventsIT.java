package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import todoservice.dev.EmbeddedMongo;
import todoservice.dev.EmbeddedRedis;
import todoservice.jobs.WorkerProcesses;

/**
 * {@code GET /events} over real HTTP: two nodes sharing the store and Redis, with accounts (the development switch
 * off) and jobs run only by worker processes. A change made anywhere (on the other node, on the same node, by a
 * worker) reaches the owner's streams and nobody else's; single nodes show the cases without Redis, after a Redis
 * outage and at undeploy.
 */
class LiveEventsIT {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final int MAX_STREAMS = 3;

    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    private static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = new TwoNodes(Map.of("AUTH_ANONYMOUS", "false", "JOBS_RUN_IN_APP", "false",
                "EVENTS_MAX_STREAMS_PER_OWNER", Integer.toString(MAX_STREAMS)));
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void aStreamStartsWithReadyAndGetsChangedForWritesOnEitherNode() {
        String alice = TestAccounts.newBearer(nodes.http);
        try (SseClient stream = SseClient.open(nodes.node2.uri("/events"), "Authorization", alice)) {
            assertThat(stream.status()).as(stream.body()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            SseClient.Received ready = stream.awaitNth("ready", 1, GENEROUS).orElseThrow();
            assertThat(stream.events().get(0)).as("the first event").isEqualTo(ready);
            assertThat(ready.retry()).isEqualTo("1000");
            assertThat(ready.data()).isEqualTo("{}");

            long otherNode = latencyOfChange(stream, 1, () -> create(nodes.http, alice));
            long sameNode = latencyOfChange(stream, 2, () -> create(nodes.other, alice));
            String id = create(nodes.http, alice);
            assertThat(stream.awaitNth("changed", 3, GENEROUS)).isPresent();
            long deleted = latencyOfChange(stream, 4, () -> assertThat(
                    nodes.http.delete("/todo/" + id, "Authorization", alice).status()).isEqualTo(204));

            System.out.printf(Locale.ROOT, "live events: changed on the stream's node %d ms after the write began,"
                    + " on the other node %d ms, delete on the other node %d ms%n", sameNode, otherNode, deleted);
            assertThat(stream.count("changed")).as("one event per write").isEqualTo(4);
            assertThat(stream.events()).allSatisfy(event -> assertThat(event.data()).isEqualTo("{}"));
        }
    }

    @Test
    void anotherAccountsStreamHearsNothingOfIt() {
        String alice = TestAccounts.newBearer(nodes.http);
        String bob = TestAccounts.newBearer(nodes.http);
        try (SseClient alices = SseClient.open(nodes.node2.uri("/events"), "Authorization", alice);
                SseClient bobs = SseClient.open(nodes.node2.uri("/events"), "Authorization", bob)) {
            assertThat(alices.awaitNth("ready", 1, GENEROUS)).isPresent();
            assertThat(bobs.awaitNth("ready", 1, GENEROUS)).isPresent();

            create(nodes.http, alice);
            assertThat(alices.awaitNth("changed", 1, GENEROUS)).as("alice's own change").isPresent();
            // Bob's own change comes after alice's through the same channel and threads: once it is there, anything
            // alice's write could have sent bob is there too.
            long bobWrote = System.nanoTime();
            create(nodes.http, bob);
            assertThat(bobs.await(GENEROUS, event -> event.name().equals("changed") && event.nanos() > bobWrote))
                    .as("bob's own change").isPresent();

            assertThat(bobs.count("changed")).as("bob's stream after alice's and bob's writes").isEqualTo(1);
            assertThat(alices.count("changed")).as("alice's stream").isEqualTo(1);
        }
    }

    @Test
    void withoutAValidTokenTheStreamIsRefusedWithAProblem() {
        for (TestServer node : List.of(nodes.node1, nodes.node2)) {
            for (String[] headers : List.of(new String[0],
                    new String[] {"Authorization", "Bearer todo_not-a-real-token"})) {
                try (SseClient refused = SseClient.open(node.uri("/events"), headers)) {
                    assertThat(refused.status()).isEqualTo(401);
                    assertThat(refused.header("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/problem+json"));
                    assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(
                            challenge -> assertThat(challenge).startsWith("Bearer"));
                    assertThat(refused.body()).contains("\"status\":401");
                }
            }
        }
    }

    @Test
    void headAnswersTheStreamsHeadersAndEndsAndOtherTypesAre406() {
        String grace = TestAccounts.newBearer(nodes.http);
        Http.Reply head = nodes.http.send("HEAD", "/events", HttpRequest.BodyPublishers.noBody(), "Authorization",
                grace);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.contentType()).startsWith("text/event-stream");
        assertThat(nodes.http.send("HEAD", "/events", HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(401);
        Http.Reply json = nodes.http.get("/events", "Authorization", grace, "Accept", "application/json");
        assertThat(json.status()).isEqualTo(406);
        assertThat(json.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anAccountMayKeepItsBoundOfStreamsOpenOnANodeAndTheNextIs429() {
        String carol = TestAccounts.newBearer(nodes.http);
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_STREAMS; i++) {
                SseClient stream = SseClient.open(nodes.node1.uri("/events"), "Authorization", carol);
                open.add(stream);
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.awaitNth("ready", 1, GENEROUS)).isPresent();
            }
            try (SseClient refused = SseClient.open(nodes.node1.uri("/events"), "Authorization", carol)) {
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.header("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(refused.header("Retry-After")).isPresent();
                assertThat(refused.body()).contains("\"limit\":\"event_streams\"");
            }
            SseClient elsewhere = SseClient.open(nodes.node2.uri("/events"), "Authorization", carol);
            open.add(elsewhere);
            assertThat(elsewhere.status()).as("the bound is per node").isEqualTo(200);
            String dave = TestAccounts.newBearer(nodes.http);
            try (SseClient daves = SseClient.open(nodes.node1.uri("/events"), "Authorization", dave)) {
                assertThat(daves.status()).as("another account on the same node").isEqualTo(200);
            }
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void importsAndBulkDeletesRunByAWorkerProcessReachTheStream() {
        workers.start("live-events", Map.of("MONGODB_URI", nodes.mongo.uri("todo"), "REDIS_URI", nodes.redis.uri()));
        String erin = TestAccounts.newBearer(nodes.http);
        try (SseClient stream = SseClient.open(nodes.node2.uri("/events"), "Authorization", erin)) {
            assertThat(stream.awaitNth("ready", 1, GENEROUS)).isPresent();

            Http.Reply imported = nodes.http.send("POST", "/todo/import", HttpRequest.BodyPublishers.ofString(
                    "{\"content\": \"one\", \"is_finished\": true}\n{\"content\": \"two\"}\n",
                    StandardCharsets.UTF_8), "Content-Type", "application/x-ndjson", "Authorization", erin);
            Jobs.awaitEnd(nodes.http, Jobs.location(imported), GENEROUS, "Authorization", erin);
            assertThat(stream.awaitNth("changed", 1, GENEROUS)).as("the worker's import").isPresent();

            Http.Reply cleared = nodes.http.delete("/todo?finished=true", "Authorization", erin);
            Jobs.awaitEnd(nodes.http, Jobs.location(cleared), GENEROUS, "Authorization", erin);
            assertThat(stream.awaitNth("changed", 2, GENEROUS)).as("the worker's bulk delete").isPresent();
            assertThat(nodes.http.get("/todo", "Authorization", erin).json().get("data")).hasSize(1);
        }
    }

    @Test
    void aHeartbeatCommentComesWithinTwentySeconds() {
        String frank = TestAccounts.newBearer(nodes.http);
        try (SseClient stream = SseClient.open(nodes.node1.uri("/events"), "Authorization", frank)) {
            assertThat(stream.awaitNth("ready", 1, GENEROUS)).isPresent();
            assertThat(Poll.until(Duration.ofSeconds(20), () -> stream.comments().contains("heartbeat"))).isTrue();
            assertThat(stream.events()).as("a comment is no event").hasSize(1);
        }
    }

    @Test
    void withoutRedisANodeStillTellsItsOwnStreamsOfItsOwnWrites() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                TestServer server = TestServer.start("", Map.of("MONGODB_URI", mongo.uri("todo")));
                SseClient stream = SseClient.open(server.uri("/events"))) {
            assertThat(stream.awaitNth("ready", 1, GENEROUS)).isPresent();
            create(new Http(server), null);
            assertThat(stream.awaitNth("changed", 1, GENEROUS)).isPresent();
        }
    }

    @Test
    void whenTheSubscriptionToRedisIsBackEveryStreamRefetches() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                EmbeddedRedis redis = EmbeddedRedis.start(0);
                TestServer server = TestServer.start("", Map.of("MONGODB_URI", mongo.uri("todo"),
                        "REDIS_URI", redis.uri()));
                SseClient stream = SseClient.open(server.uri("/events"))) {
            assertThat(stream.awaitNth("ready", 1, GENEROUS)).isPresent();

            redis.stop();
            redis.start();

            assertThat(stream.awaitNth("changed", 1, GENEROUS)).as("a refetch without any write").isPresent();
            assertThat(stream.count("changed")).isEqualTo(1);
        }
    }

    @Test
    void undeployingEndsOpenStreamsCleanly() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            TestServer server = TestServer.start("", Map.of("MONGODB_URI", mongo.uri("todo")));
            try (SseClient stream = SseClient.open(server.uri("/events"))) {
                assertThat(stream.awaitNth("ready", 1, GENEROUS)).isPresent();
                long start = System.nanoTime();
                server.close();
                long stopMillis = (System.nanoTime() - start) / 1_000_000;

                assertThat(stream.awaitEnd(GENEROUS)).as("the stream ended").isTrue();
                assertThat(stream.failure()).as("ended by the server's last chunk, not a reset").isNull();
                System.out.printf(Locale.ROOT, "live events: Tomcat stopped in %d ms with a stream open%n",
                        stopMillis);
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Runs {@code write} and returns how long after it began the {@code n}th change reached {@code stream}. */
    private static long latencyOfChange(SseClient stream, int n, Runnable write) {
        long began = System.nanoTime();
        write.run();
        SseClient.Received changed = stream.awaitNth("changed", n, GENEROUS).orElseThrow(
                () -> new AssertionError("change " + n + " did not arrive; events: " + stream.events()));
        return (changed.nanos() - began) / 1_000_000;
    }

    private static String create(Http node, String bearer) {
        String[] headers = bearer == null ? new String[0] : new String[] {"Authorization", bearer};
        Http.Reply created = node.postJson("/todo", "{\"content\": \"" + UUID.randomUUID() + "\"}", headers);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }
}
