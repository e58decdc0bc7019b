package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis unreachable while it keeps its data (a hanging Redis, a network partition): commands sent meanwhile are
 * lost, but the copies Redis held before are still there when it answers again. Writes acknowledged meanwhile
 * must not be hidden by those copies afterwards (issue 3: "Redis down or hanging", "nothing stale is served").
 */
class CacheRedisHangIT {

    /**
     * L2 copies stay fresh for 10 minutes here, so a copy the write failed to invalidate would still be served when
     * the poll gives up (30 s); the default L1 TTL (5 s) is what may bound the other node's staleness.
     */
    private static final Map<String, String> LONG_L2 = Map.of("CACHE_L2_FRESH_TTL", "10m");

    @Test
    void aTodoCreatedDuringABriefRedisHangIsSeenByTheWritingNodeAtOnceAndByTheOtherSoonAfter() {
        // Redis timeout 250 ms (default); three failures in a row would open the breaker, this hiccup causes two.
        try (CacheCluster cluster = CacheCluster.startBehindLink(2, LONG_L2)) {
            Http a = cluster.node(0);
            Http b = cluster.node(1);
            String before = CacheCluster.create(a, "before the hang");
            assertThat(ids(a.get("/todo"))).contains(before);
            assertThat(ids(b.get("/todo"))).contains(before);

            // A hiccup of about half a second: the write's invalidation times out, then Redis answers again.
            cluster.link().hang();
            String during = CacheCluster.create(a, "created during the hang");
            cluster.link().heal();

            assertThat(ids(a.get("/todo"))).as("the writing node's next read").contains(during, before);
            assertThat(Poll.until(() -> ids(b.get("/todo")).contains(during)))
                    .as("the other node shows the todo within the poll's limit").isTrue();
        }
    }

    @Test
    void writesMadeWhileRedisWasUnreachableAreNotHiddenByItsOldCopiesOnceItAnswersAgain() {
        try (CacheCluster cluster = CacheCluster.startBehindLink(2, LONG_L2)) {
            Http a = cluster.node(0);
            Http b = cluster.node(1);
            String doomed = CacheCluster.create(a, "deleted while Redis is unreachable");
            for (Http node : List.of(a, b)) {
                assertThat(ids(node.get("/todo"))).contains(doomed);
                assertThat(node.get("/todo/" + doomed).status()).isEqualTo(200);
            }

            cluster.link().hang();
            for (Http node : List.of(a, b)) {
                assertThat(Poll.until(() -> {
                    node.get("/todo");
                    return redisStatus(node).equals("DOWN");
                })).as("both nodes notice that Redis is unreachable").isTrue();
            }
            String written = CacheCluster.create(a, "written while Redis is unreachable");
            assertThat(a.delete("/todo/" + doomed).status()).isEqualTo(204);
            // Node A goes away (a crash, a redeploy) before Redis is reachable again.
            cluster.stopNode(0);
            cluster.link().heal();

            assertThat(Poll.until(() -> {
                b.get("/todo?limit=3");
                return redisStatus(b).equals("UP");
            })).as("node B uses Redis again").isTrue();
            assertThat(ids(b.get("/todo"))).contains(written).doesNotContain(doomed);
            assertThat(b.get("/todo/" + doomed).status()).isEqualTo(404);
        }
    }

    private static String redisStatus(Http node) {
        return node.get("/health/ready").json().at("/checks/redis/status").asText();
    }

    private static List<String> ids(Http.Reply page) {
        assertThat(page.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().get("data").forEach(todo -> ids.add(todo.get("id").asText()));
        return ids;
    }
}
