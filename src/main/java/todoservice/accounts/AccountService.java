package todoservice.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import todoservice.auth.ApiToken;
import todoservice.auth.HashingBusyException;
import todoservice.auth.MongoTokenStore;
import todoservice.auth.PasswordHasher;
import todoservice.auth.Scope;
import todoservice.auth.TokenRecord;
import todoservice.auth.TokenResolver;
import todoservice.web.ApiException;

/** Registering, logging in for a token, tokens, and changing a password: the rules, whatever the route. */
public final class AccountService {

    /** Email-like: something, one @, something; no spaces. Compared in lower case. */
    private static final Pattern LOGIN = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
    static final int MIN_PASSWORD = 8;
    /** Hashing cost grows with length; nobody types more. */
    static final int MAX_PASSWORD = 1024;
    private static final int MAX_TOKEN_NAME = 100;
    private static final String WRONG_LOGIN = "The login or the password is wrong.";
    /** How a session's token shows in {@code GET /tokens}. */
    private static final String SESSION_TOKEN_NAME = "web session";

    /** A new token, revealed once, and the account it acts for. */
    public record IssuedToken(Account account, ApiToken token, TokenRecord record) {
    }

    private final MongoAccountStore accounts;
    private final MongoTokenStore tokens;
    private final TokenResolver resolver;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final Duration maxTokenTtl;

    public AccountService(MongoAccountStore accounts, MongoTokenStore tokens, TokenResolver resolver,
            PasswordHasher passwords, LoginThrottle throttle, Clock clock, Duration maxTokenTtl) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxTokenTtl = Objects.requireNonNull(maxTokenTtl, "maxTokenTtl");
    }

    public Account register(String login, String password) {
        String normalized = checkLogin(login);
        checkPassword("password", password);
        return accounts.insert(normalized, hashing(() -> passwords.hash(password)), clock.instant())
                .orElseThrow(() -> ApiException.conflict("This login is taken."));
    }

    /**
     * A token for the account whose login and password these are; the same answer for any kind of mismatch.
     * {@code address} is the client's, for the per-address limit of failed logins.
     */
    public IssuedToken logIn(String login, String password, String address, String name, Set<Scope> scopes,
            Optional<Duration> ttl) {
        String tokenName = checkTokenName(name);
        Duration lifetime = checkTtl(ttl);
        if (scopes.isEmpty()) {
            throw ApiException.badRequest("scopes: give at least one of \"read\", \"write\".");
        }
        return issue(login, password, address, tokenName, scopes, lifetime);
    }

    /**
     * A read-write token for the web page's session cookie, checked, throttled and answered exactly as {@link #logIn}
     * is, valid for {@code lifetime} ({@code AUTH_SESSION_TTL}, which {@code AUTH_TOKEN_TTL} does not bound).
     */
    public IssuedToken logInForSession(String login, String password, String address, Duration lifetime) {
        return issue(login, password, address, SESSION_TOKEN_NAME, EnumSet.allOf(Scope.class), lifetime);
    }

    private IssuedToken issue(String login, String password, String address, String tokenName, Set<Scope> scopes,
            Duration lifetime) {
        if (login == null || password == null || password.length() > MAX_PASSWORD) {
            throw new ApiException(401, WRONG_LOGIN);
        }
        String normalized = login.strip().toLowerCase(Locale.ROOT);
        throttle.check(normalized, address);
        Optional<Account> account = accounts.findByLogin(normalized);
        boolean matches = account.isPresent()
                ? hashing(() -> passwords.matches(password, account.get().passwordHash()))
                : hashing(() -> passwords.matchesNothing(password));
        if (!matches || account.get().deleting()) {
            throttle.failed(normalized, address);
            throw new ApiException(401, WRONG_LOGIN);
        }
        throttle.succeeded(normalized);
        if (passwords.needsRehash(account.get().passwordHash())) {
            accounts.changePassword(account.get().id(), hashing(() -> passwords.hash(password)));
        }
        ApiToken token = ApiToken.generate();
        Instant now = clock.instant();
        return new IssuedToken(account.get(), token,
                tokens.insert(token, account.get().id(), tokenName, scopes, now, now.plus(lifetime)));
    }

    public Account find(String accountId) {
        return accounts.findById(accountId).orElseThrow(() -> new ApiException(401,
                "This token's account no longer exists."));
    }

    /** Every token of the account stops working, on every node within a second: log in again. */
    public void changePassword(String accountId, String current, String next) {
        Account account = find(accountId);
        if (current == null || current.length() > MAX_PASSWORD
                || !hashing(() -> passwords.matches(current, account.passwordHash()))) {
            throw new ApiException(403, "The current password is wrong.");
        }
        checkPassword("new_password", next);
        accounts.changePassword(accountId, hashing(() -> passwords.hash(next)));
        revokeAll(accountId);
    }

    public List<TokenRecord> tokens(String accountId) {
        return tokens.list(accountId, 1000);
    }

    public void revoke(String accountId, String tokenId) {
        if (!revokeToken(accountId, tokenId)) {
            throw ApiException.notFound("There is no token " + tokenId + ".");
        }
    }

    /**
     * Logging out: the valid token {@code authorization} carries (the session's) is revoked like any other, on every
     * node within a second. Nothing to do for a token already gone.
     */
    public void logOut(String authorization) {
        resolver.tokenOf(authorization).ifPresent(session -> revokeToken(session.accountId(), session.id()));
    }

    private boolean revokeToken(String accountId, String tokenId) {
        boolean revoked = tokens.revoke(accountId, tokenId);
        if (revoked) {
            resolver.forget(record -> record.id().equals(tokenId));
        }
        return revoked;
    }

    /** Locks the account at once (no login, no token) before the deletion job erases what it owned. */
    public void lock(String accountId) {
        accounts.markDeleting(accountId);
        revokeAll(accountId);
    }

    private void revokeAll(String accountId) {
        tokens.revokeAll(accountId);
        resolver.forget(record -> record.accountId().equals(accountId));
    }

    /** A node whose hashing slots stay busy answers 503 with Retry-After instead of queueing without end. */
    private static <T> T hashing(Supplier<T> work) {
        try {
            return work.get();
        } catch (HashingBusyException e) {
            long seconds = Math.max(1, e.retryAfter().toSeconds());
            throw new ApiException(503, "Too many passwords are being checked right now; try again shortly.",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    private static String checkLogin(String login) {
        String normalized = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
        if (!LOGIN.matcher(normalized).matches()) {
            throw ApiException.badRequest("login: an email address such as ada@example.org.");
        }
        return normalized;
    }

    private static void checkPassword(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw ApiException.badRequest(field + ": " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
        }
    }

    private static String checkTokenName(String name) {
        String checked = name == null ? "login" : name.strip();
        if (checked.isEmpty() || checked.length() > MAX_TOKEN_NAME) {
            throw ApiException.badRequest("name: 1 to " + MAX_TOKEN_NAME + " characters.");
        }
        return checked;
    }

    private Duration checkTtl(Optional<Duration> ttl) {
        Duration lifetime = ttl.orElse(maxTokenTtl);
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(maxTokenTtl) > 0) {
            throw ApiException.badRequest("expires_in_days: 1 to " + maxTokenTtl.toDays() + ".");
        }
        return lifetime;
    }
}
