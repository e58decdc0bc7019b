package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

/** Accounts for the integration tests that run with {@code AUTH_ANONYMOUS=false}. */
public final class TestAccounts {

    private TestAccounts() {
    }

    /** Registers a new account on {@code node} and logs in: its read-write token as an {@code Authorization} value. */
    public static String newBearer(Http node) {
        String login = "user-" + UUID.randomUUID() + "@example.org";
        String credentials = "{\"login\": \"" + login + "\", \"password\": \"a long enough password\"}";
        Http.Reply registered = node.postJson("/accounts", credentials);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Http.Reply issued = node.postJson("/tokens", credentials);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return "Bearer " + issued.json().get("token").asText();
    }
}
