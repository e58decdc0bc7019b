package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import todoservice.it.Poll;
import todoservice.it.RawHttp;

/**
 * A stack run from a checkout in a private (0700) directory takes an import larger than nginx keeps in memory
 * (client_body_buffer_size, 64 KB), which nginx writes to .stack/nginx/client_body in that checkout. Started as
 * root, nginx would run its workers as {@code nobody}, who cannot enter the directory: every such import was a
 * 500. This class brings up a stack of its own from a copy of the checkout, so it runs before the shared stack of
 * the other classes exists ({@code @Order}; the stack profile orders classes by it) and brings it down after.
 */
@Order(1)
class PrivateCheckoutStackIT {

    private static final Duration JOB_LIMIT = Duration.ofMinutes(2);

    @Test
    void anImportOver64KilobytesThroughNginxSucceedsFromACheckoutOnlyItsOwnerMayEnter() throws Exception {
        try (PrivateCheckout copy = PrivateCheckout.of(Stack.ROOT)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.directory())))
                    .isEqualTo("rwx------");
            Stack stack = Stack.upIn(copy.checkout());
            try {
                String run = UUID.randomUUID().toString().substring(0, 8);
                int rows = 5_000;
                byte[] body = IntStream.range(0, rows)
                        .mapToObj(i -> "{\"content\": \"private-" + run + "-" + i + " padded to make the upload big\"}")
                        .collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
                assertThat(body.length).isGreaterThan(200_000);

                // An account of this stack's own store: the shared one belongs to the other stack.
                StackAccount account = StackAccount.register();
                String job;
                try (RawHttp client = account.client("127.0.0.10")) {
                    RawHttp.Reply accepted = client.send("POST", "/todo/import", body,
                            "Content-Type", "application/x-ndjson");
                    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
                    job = URI.create(accepted.header("Location")).getPath();
                }
                AtomicReference<JsonNode> last = new AtomicReference<>();
                assertThat(Poll.until(JOB_LIMIT, () -> {
                    last.set(JobsStackIT.get(account, job));
                    return last.get().get("state").asText().equals("succeeded");
                })).as("the import ends; last seen %s", last.get()).isTrue();

                assertThat(JobsStackIT.storedWithPrefix("private-" + run + "-")).isEqualTo(rows);
                try (RawHttp client = account.client("127.0.0.10")) {
                    JsonNode newest = client.get("/todo?limit=1").json().get("data").get(0);
                    assertThat(newest.get("content").asText()).startsWith("private-" + run + "-");
                }
            } finally {
                stack.close();
            }
        }
    }
}
