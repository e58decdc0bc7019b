package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import todoservice.it.RawHttp;

/**
 * The caches of both nodes (each node's Caffeine and the Redis they share) hold pages, single todos and misses per
 * account: what one account's reads put there is never what another account reads at the same URL.
 */
@ExtendWith(StackExtension.class)
class AccountCachesStackIT {

    private static final int[] NODES = {8000, 8001};
    private static final List<String> PAGES = List.of("/todo", "/todo?limit=5", "/todo?finished=false", "/todos");

    @Test
    void pagesTodosAndMissesCachedForOneAccountAreNeverServedToAnother() {
        StackAccount alice = StackAccount.register();
        StackAccount bob = StackAccount.register();

        warmThenRead(alice, bob);
        warmThenRead(bob, alice);
    }

    /**
     * {@code first} reads every page, its own todo, {@code second}'s todo (a miss for it) and a missing id on both
     * nodes, twice, so each is cached; then {@code second} reads the same URLs on both nodes.
     */
    private static void warmThenRead(StackAccount first, StackAccount second) {
        String firsts = create(first, "127.0.29.1", "first's " + UUID.randomUUID());
        String seconds = create(second, "127.0.29.2", "second's " + UUID.randomUUID());
        String missing = new ObjectId().toHexString();
        String firstsTag = null;
        for (int round = 0; round < 2; round++) {
            for (int node : NODES) {
                try (RawHttp client = first.client("127.0.29.1", node)) {
                    for (String page : PAGES) {
                        assertThat(client.get(page).text()).as("%s on %d", page, node).contains(firsts)
                                .doesNotContain(seconds);
                    }
                    RawHttp.Reply own = client.get("/todo/" + firsts);
                    assertThat(own.status()).isEqualTo(200);
                    firstsTag = own.header("ETag");
                    assertThat(client.get("/todo/" + seconds).status()).isEqualTo(404);
                    assertThat(client.get("/todo/" + missing).status()).isEqualTo(404);
                }
            }
        }
        for (int node : NODES) {
            try (RawHttp client = second.client("127.0.29.2", node)) {
                for (String page : PAGES) {
                    assertThat(client.get(page).text()).as("%s on %d", page, node).contains(seconds)
                            .doesNotContain(firsts);
                }
                assertThat(client.get("/todo/" + firsts).status()).as("first's todo on %d", node).isEqualTo(404);
                assertThat(client.get("/todo/" + firsts, "If-None-Match", firstsTag).status()).isEqualTo(404);
                RawHttp.Reply own = client.get("/todo/" + seconds);
                assertThat(own.status()).as("own todo, a miss for first, on %d", node).isEqualTo(200);
                assertThat(own.json().get("id").asText()).isEqualTo(seconds);
                assertThat(client.get("/todos/" + seconds).status()).isEqualTo(200);
                assertThat(client.get("/todo/" + missing).status()).isEqualTo(404);
            }
        }
    }

    private static String create(StackAccount account, String address, String content) {
        return AccountsStackIT.send(account, address, "POST", "/todo", "{\"content\": \"" + content + "\"}",
                "Content-Type", "application/json").json().get("id").asText();
    }
}
