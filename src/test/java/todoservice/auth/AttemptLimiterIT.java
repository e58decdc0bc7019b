package todoservice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import todoservice.dev.EmbeddedRedis;
import todoservice.it.Poll;
import todoservice.redis.RedisEndpoint;
import todoservice.testing.MutableClock;

/** Two nodes' limiters on one real redis-server: shared counts, and each node on its own while Redis is down. */
class AttemptLimiterIT {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final AttemptLimit LIMIT = new AttemptLimit("account", 3, WINDOW);
    private static final String PREFIX = "todo:auth:login:";

    private final MutableClock clock = new MutableClock();
    private final MeterRegistry registryA = new SimpleMeterRegistry();
    private final Logger log = (Logger) LoggerFactory.getLogger(AttemptLimiter.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private EmbeddedRedis redis;
    private UnifiedJedis clientA;
    private UnifiedJedis clientB;
    private AttemptLimiter nodeA;
    private AttemptLimiter nodeB;

    @BeforeEach
    void start() {
        redis = EmbeddedRedis.start(0);
        clientA = RedisEndpoint.connect(URI.create(redis.uri()), Duration.ofMillis(250), 4);
        clientB = RedisEndpoint.connect(URI.create(redis.uri()), Duration.ofMillis(250), 4);
        nodeA = new AttemptLimiter(LIMIT, PREFIX, Optional.of(clientA), clock, registryA);
        nodeB = new AttemptLimiter(LIMIT, PREFIX, Optional.of(clientB), clock, new SimpleMeterRegistry());
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void stop() {
        log.detachAppender(logged);
        clientA.close();
        clientB.close();
        redis.close();
    }

    @Test
    void failuresOnOneNodeCountOnEveryNode() {
        nodeA.failed("alice@example.com");
        nodeB.failed("alice@example.com");
        assertThat(nodeA.blockedFor("alice@example.com")).isEmpty();

        nodeA.failed("alice@example.com");

        assertThat(nodeB.blockedFor("alice@example.com")).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(WINDOW).isGreaterThan(WINDOW.minusMinutes(1)));
        assertThat(nodeA.blockedFor("alice@example.com")).isPresent();
        assertThat(nodeA.blockedFor("bob@example.com")).isEmpty();

        nodeB.succeeded("alice@example.com");
        assertThat(nodeB.blockedFor("alice@example.com")).as("a login clears the count on its node at once")
                .isEmpty();
        clock.advance(AttemptLimiter.BLOCK_KNOWN_FOR);
        assertThat(nodeA.blockedFor("alice@example.com")).as("and on every other node within a second")
                .isEmpty();
    }

    @Test
    void aFloodOfRefusedAttemptsAsksRedisOncePerSecondNotPerAttempt() {
        for (int i = 0; i < LIMIT.maxFailures(); i++) {
            nodeA.failed("alice@example.com");
        }
        try (UnifiedJedis inspector = inspector()) {
            long before = commandsProcessed(inspector);
            for (int i = 0; i < 1_000; i++) {
                assertThat(nodeA.blockedFor("alice@example.com")).isPresent();
            }
            assertThat(commandsProcessed(inspector) - before).as("Redis commands for 1,000 refused attempts")
                    .isLessThan(10);

            clock.advance(AttemptLimiter.BLOCK_KNOWN_FOR);
            inspector.del(inspector.keys(PREFIX + "*").toArray(String[]::new));
            assertThat(nodeA.blockedFor("alice@example.com")).as("after a second the node asks Redis again")
                    .isEmpty();
        }
        assertThat(registryA.get("todo.auth.attempts.blocked").counter().count()).isEqualTo(1_000);
    }

    @Test
    void redisHoldsNoLoginOnlyAHashedCounterThatExpiresWithItsWindow() {
        nodeA.failed("alice@example.com");

        try (UnifiedJedis inspector = inspector()) {
            assertThat(inspector.keys(PREFIX + "*")).singleElement().satisfies(key -> {
                assertThat(key).startsWith(PREFIX + "account:").doesNotContain("alice");
                assertThat(inspector.pttl(key)).isPositive().isLessThanOrEqualTo(WINDOW.toMillis());
            });
        }
    }

    @Test
    void whileRedisIsDownEachNodeCountsAloneAndSaysSoOnce() {
        nodeA.failed("alice@example.com");
        nodeA.failed("alice@example.com");

        redis.stop();
        for (int i = 0; i < 3; i++) {
            nodeA.failed("alice@example.com");
        }

        assertThat(nodeA.blockedFor("alice@example.com")).as("node A's own count reached the limit").contains(WINDOW);
        assertThat(nodeB.blockedFor("alice@example.com")).as("node B has seen no failure").isEmpty();
        assertThat(registryA.get("todo.auth.attempts.local").counter().count()).isEqualTo(4);
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .as("one warning per node for the whole outage").hasSize(2)
                .allSatisfy(event -> assertThat(event.getFormattedMessage()).contains("in this node alone"));

        redis.start();
        nodeA.failed("dave@example.com");
        try (UnifiedJedis inspector = inspector()) {
            assertThat(inspector.keys(PREFIX + "*")).as("Redis is left alone for a while after a failure").isEmpty();
        }
        assertThat(Poll.until(() -> {
            clock.advance(AttemptLimiter.REDIS_RETRY);
            nodeA.blockedFor("alice@example.com");
            return logged.list.stream().anyMatch(event -> event.getLevel() == Level.INFO);
        })).as("node A goes back to Redis once it answers").isTrue();
        nodeA.failed("carol@example.com");
        try (UnifiedJedis inspector = inspector()) {
            assertThat(inspector.keys(PREFIX + "*")).as("counted in Redis again").hasSize(1);
        }
    }

    /** INFO's count, which includes the INFO commands and any connection checks of the pool: a few. */
    private static long commandsProcessed(UnifiedJedis inspector) {
        String stats = inspector.info("stats");
        return stats.lines().filter(line -> line.startsWith("total_commands_processed:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip())).findFirst()
                .orElseThrow();
    }

    /** A client of its own, opened after any restart of Redis. */
    private UnifiedJedis inspector() {
        return RedisEndpoint.connect(URI.create(redis.uri()), Duration.ofSeconds(2), 1);
    }
}
