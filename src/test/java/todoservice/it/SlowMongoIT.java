package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import todoservice.dev.EmbeddedMongo;

/**
 * A slow MongoDB (issue 18): queries on the todos take 20 s (a missing index, an overloaded server) while writes
 * and other commands stay fast. Reads must be a 503 problem document with {@code Retry-After} after about
 * {@code MONGODB_QUERY_TIMEOUT}, not hold a request thread for the socket timeout (10 s); writes must carry on,
 * and nothing acknowledged may be missing once the database is fast again. The cache is off: every read asks the
 * database.
 */
class SlowMongoIT {

    private static final Duration SLOWNESS = Duration.ofSeconds(20);
    /** Well under the driver's socket read timeout (10 s), which a query without a time limit waits. */
    private static final long QUICK_MILLIS = 5_000;

    @Test
    void slowQueriesAreAQuick503WritesCarryOnAndNothingAcknowledgedIsMissingAfterwards() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                SlowMongoLink link = new SlowMongoLink(mongo.port(), "todos");
                TestServer server = TestServer.start("", Map.of("MONGODB_URI", link.uri("todo"),
                        "MONGODB_QUERY_TIMEOUT", "1s", "CACHE_MODE", "off"))) {
            Http http = new Http(server);
            String edited = CacheCluster.create(http, "edited while the database is slow");
            String deleted = CacheCluster.create(http, "deleted while the database is slow");

            link.slow(SLOWNESS);
            List<Long> readMillis = new ArrayList<>();
            for (String path : List.of("/todo", "/todo?start=1", "/todo/" + edited, "/todos")) {
                long[] took = new long[1];
                Http.Reply refused = timed(() -> http.get(path), took);
                readMillis.add(took[0]);
                assertThat(refused.status()).as("GET %s: %s", path, refused.body()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isPresent();
                assertThat(refused.body()).doesNotContain("com.mongodb", "MaxTimeMS", "exceeded time limit");
            }
            long[] took = new long[1];
            Http.Reply patched = timed(() -> http.patchJson("/todo/" + edited, "{\"content\": \"changed\"}"), took);
            readMillis.add(took[0]);
            assertThat(patched.status()).as("an edit, which reads the todo first: %s", patched.body()).isEqualTo(503);
            System.out.println("slow MongoDB: reads answered in " + readMillis + " ms");
            assertThat(readMillis).allSatisfy(millis -> assertThat(millis).isLessThan(QUICK_MILLIS));

            long started = System.nanoTime();
            List<Http.Reply> atOnce = Http.atOnce(10, i -> http.get("/todo?limit=" + (i + 1)));
            long atOnceMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("slow MongoDB: 10 reads at once all answered in " + atOnceMillis + " ms");
            assertThat(atOnce).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(503));
            assertThat(atOnceMillis).isLessThan(QUICK_MILLIS);

            List<Long> writeMillis = new ArrayList<>();
            String written = timed(() -> http.postForm("/todo", Map.of("content", "written while slow")), took)
                    .json().get("id").asText();
            writeMillis.add(took[0]);
            assertThat(timed(() -> http.delete("/todo/" + deleted), took).status()).isEqualTo(204);
            writeMillis.add(took[0]);
            System.out.println("slow MongoDB: writes answered in " + writeMillis + " ms");
            assertThat(link.slowQueries()).as("queries the link slowed").isGreaterThanOrEqualTo(15);

            link.slow(Duration.ZERO);
            Http.Reply page = http.get("/todo");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains(written, edited).doesNotContain(deleted);
            assertThat(http.get("/todo/" + edited).json().get("content").asText())
                    .as("the refused edit changed nothing").isEqualTo("edited while the database is slow");
            assertThat(http.get("/todo/" + deleted).status()).isEqualTo(404);
        }
    }

    private static Http.Reply timed(Supplier<Http.Reply> request, long[] millis) {
        long started = System.nanoTime();
        Http.Reply reply = request.get();
        millis[0] = (System.nanoTime() - started) / 1_000_000;
        return reply;
    }
}
