package todoservice.cache;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;
import todoservice.ops.Sleeper;

/**
 * Runs one invalidation subscription on a thread of its own and subscribes again with backoff when Redis goes away.
 * Each resubscription runs {@code onSubscribed}, because messages sent while disconnected are lost.
 */
public final class InvalidationSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InvalidationSubscriber.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final RedisSubscription subscription;
    private final Consumer<String> onMessage;
    private final Runnable onSubscribed;
    private final Sleeper sleeper;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Subscribers for every invalidation channel of {@code tier}, listening at once, each on a thread from
     * {@code threads} (which names it; a daemon, so it never holds the JVM open). {@code sleeper} waits between
     * reconnection attempts.
     */
    public static List<InvalidationSubscriber> start(RedisTier tier, CacheNames names, Consumer<String> onMessage,
            Runnable onSubscribed, ThreadFactory threads, Sleeper sleeper) {
        return tier.invalidationSubscriptions(new CacheKeys(names)).stream()
                .map(subscription -> new InvalidationSubscriber(subscription, onMessage, onSubscribed, threads,
                        sleeper))
                .toList();
    }

    InvalidationSubscriber(RedisSubscription subscription, Consumer<String> onMessage, Runnable onSubscribed,
            ThreadFactory threads, Sleeper sleeper) {
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.onMessage = Objects.requireNonNull(onMessage, "onMessage");
        this.onSubscribed = Objects.requireNonNull(onSubscribed, "onSubscribed");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.thread = Objects.requireNonNull(threads, "threads").newThread(this::run);
        thread.start();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        boolean firstSubscription = true;
        while (running) {
            AtomicBoolean subscribed = new AtomicBoolean();
            boolean flushOnSubscribe = !firstSubscription;
            RedisSubscription.Listener listener = new RedisSubscription.Listener() {
                @Override
                public void subscribed() {
                    // Several channels on one connection confirm one by one: catch up once.
                    if (subscribed.compareAndSet(false, true) && flushOnSubscribe) {
                        onSubscribed.run();
                    }
                }

                @Override
                public void message(String ownerAndGeneration) {
                    onMessage.accept(ownerAndGeneration);
                }
            };
            try {
                subscription.run(listener);
            } catch (JedisException e) {
                if (running) {
                    log.debug("Invalidation subscription lost: {}", e.getMessage());
                }
            }
            if (subscribed.get()) {
                firstSubscription = false;
                backoff = FIRST_BACKOFF;
            }
            if (running) {
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException e) {
                    // Closing: the loop ends on running.
                    Thread.currentThread().interrupt();
                }
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(MAX_BACKOFF) < 0 ? doubled : MAX_BACKOFF;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            subscription.end();
        } catch (JedisException e) {
            log.debug("Unsubscribe failed while closing", e);
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
