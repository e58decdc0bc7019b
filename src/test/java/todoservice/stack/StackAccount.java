package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import todoservice.it.RawHttp;

/**
 * An account registered through nginx, with a token. The stack runs as deployed, without the development switch,
 * so every API request of the stack tests carries a token: the {@link #shared()} account's, unless a test needs
 * accounts of its own.
 */
record StackAccount(String login, String id, Token token) {

    static final String PASSWORD = "a stack test's password";
    /** Registrations and logins come from here, away from the addresses the tests load. */
    private static final String DESK = "127.0.0.8";
    private static StackAccount shared;

    record Token(String id, String bearer) {
    }

    /** The account of the stack tests that need just one, registered with the first call. */
    static synchronized StackAccount shared() {
        if (shared == null) {
            shared = register();
        }
        return shared;
    }

    /** A new account with a unique login, logged in once. */
    static StackAccount register() {
        String login = "stack-" + UUID.randomUUID() + "@example.org";
        try (RawHttp desk = new RawHttp(DESK, Stack.PUBLIC_PORT)) {
            RawHttp.Reply registered = desk.send("POST", "/accounts", json(login, PASSWORD),
                    "Content-Type", "application/json");
            assertThat(registered.status()).as(registered.text()).isEqualTo(201);
            return new StackAccount(login, registered.json().get("id").asText(), logIn(login, PASSWORD));
        }
    }

    /** A new token, from {@code POST /tokens} with the login and {@code password}. */
    static Token logIn(String login, String password) {
        RawHttp.Reply issued = askForToken(login, password);
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        return new Token(issued.json().get("id").asText(), "Bearer " + issued.json().get("token").asText());
    }

    /** {@code POST /tokens}'s answer, whatever it is. */
    static RawHttp.Reply askForToken(String login, String password) {
        try (RawHttp desk = new RawHttp(DESK, Stack.PUBLIC_PORT)) {
            return desk.send("POST", "/tokens", json(login, password), "Content-Type", "application/json");
        }
    }

    /** A client through nginx, from {@code address}, that sends this account's token with every request. */
    RawHttp client(String address) {
        return client(address, Stack.PUBLIC_PORT);
    }

    /** The same on {@code port}: 8000 and 8001 reach a node without nginx. */
    RawHttp client(String address, int port) {
        return new RawHttp(address, port, "Authorization", token.bearer());
    }

    private static byte[] json(String login, String password) {
        return ("{\"login\": \"" + login + "\", \"password\": \"" + password + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
