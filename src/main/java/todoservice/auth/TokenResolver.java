package todoservice.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.web.ApiException;

/**
 * Resolves {@code Authorization: Bearer todo_…} to the token's account. A node keeps what it looked up (unknown
 * tokens too) for at most {@link #FRESH_FOR}, and reloads a token in use in the background halfway through: a hot
 * token costs about two database reads per second per node whatever the request rate, and a revoked token, or any
 * token of an account whose password changed, is refused by every node within a second, with or without Redis.
 * The copies are keyed by the token itself, so a request with a known token costs no hashing: the SHA-256 the
 * database is searched by is computed only to (re)load one. A token so held stays in the heap while it is in use
 * and about a second after, as the requests that bring it do anyway.
 */
public final class TokenResolver implements OwnerResolver {

    public static final Duration FRESH_FOR = Duration.ofSeconds(1);
    /** A token's last use is written at most this often: reads must not become writes. */
    static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);
    private static final String REALM = "Bearer realm=\"todo\"";
    private static final Logger log = LoggerFactory.getLogger(TokenResolver.class);

    private final MongoTokenStore store;
    private final Clock clock;
    private final boolean anonymousWithoutToken;
    private final Executor background;
    private final LoadingCache<ApiToken, Optional<TokenRecord>> byToken;
    private final Cache<String, Instant> lastUseWritten;

    /**
     * {@code anonymousWithoutToken}: the development switch, under which a request without {@code Authorization}
     * acts as {@link Owner#ANONYMOUS} (a request with one is still checked). {@code background} reloads tokens and
     * writes their last use.
     */
    public TokenResolver(MongoTokenStore store, Clock clock, Ticker ticker, boolean anonymousWithoutToken,
            Executor background) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.anonymousWithoutToken = anonymousWithoutToken;
        this.background = Objects.requireNonNull(background, "background");
        this.byToken = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(background)
                .maximumSize(100_000)
                .expireAfterWrite(FRESH_FOR)
                .refreshAfterWrite(FRESH_FOR.dividedBy(2))
                .build(token -> store.findByHash(token.hash()));
        this.lastUseWritten = Caffeine.newBuilder().ticker(ticker).maximumSize(100_000)
                .expireAfterWrite(LAST_USED_EVERY).build();
    }

    @Override
    public Owner resolve(String authorization, Scope needed) {
        if (authorization == null || authorization.isBlank()) {
            if (anonymousWithoutToken) {
                return Owner.ANONYMOUS;
            }
            throw new ApiException(401, "Send an API token: Authorization: Bearer todo_…",
                    Map.of("WWW-Authenticate", REALM));
        }
        ApiToken token = BearerHeader.credentials(authorization).flatMap(ApiToken::parse)
                .orElseThrow(() -> invalid("Authorization must be \"Bearer\" and an API token (todo_…)."));
        TokenRecord record = byToken.get(token)
                .filter(found -> !found.isExpiredAt(clock.instant()))
                .orElseThrow(() -> invalid("The API token is unknown, revoked or expired."));
        if (!record.allows(needed)) {
            throw new ApiException(403, "This token may not " + needed.wireName() + "; create one with the "
                    + needed.wireName() + " scope.", Map.of("WWW-Authenticate", REALM
                            + ", error=\"insufficient_scope\", scope=\"" + needed.wireName() + "\""));
        }
        noteUse(record);
        return new Owner(record.accountId());
    }

    /**
     * The account whose valid token {@code authorization} carries, whatever its scopes; empty for no token or a
     * bad one (the resource then refuses the request). Costs what {@link #resolve} costs: no database call on a
     * warm node.
     */
    public Optional<String> accountOf(String authorization) {
        return tokenOf(authorization).map(TokenRecord::accountId);
    }

    /** The valid token {@code authorization} carries, whatever its scopes; empty for no token or a bad one. */
    public Optional<TokenRecord> tokenOf(String authorization) {
        return BearerHeader.credentials(authorization).flatMap(ApiToken::parse)
                .flatMap(byToken::get)
                .filter(found -> !found.isExpiredAt(clock.instant()));
    }

    /** Forgets this node's copies at once (the others' expire within {@link #FRESH_FOR}). */
    public void forget(Predicate<TokenRecord> which) {
        byToken.asMap().values().removeIf(found -> found.filter(which).isPresent());
    }

    private void noteUse(TokenRecord record) {
        Instant now = clock.instant();
        if (lastUseWritten.asMap().putIfAbsent(record.id(), now) != null) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    store.markUsed(record.id(), now);
                } catch (RuntimeException e) {
                    log.warn("Could not record the last use of token {}: {}", record.id(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            lastUseWritten.invalidate(record.id());
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(401, detail, Map.of("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
    }
}
