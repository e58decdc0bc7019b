package todoservice.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;
import todoservice.ops.Sleeper;

/**
 * Listens on the invalidation channel on a thread of its own and reconnects with backoff when Redis goes away.
 * Each (re)subscription runs {@code onSubscribed}, because messages sent while disconnected are lost.
 */
public final class InvalidationSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InvalidationSubscriber.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Jedis's blocking SUBSCRIBE: returns or throws when the subscription ends. */
    @FunctionalInterface
    interface Subscription {
        void subscribe(JedisPubSub listener, String channel);
    }

    private final Subscription subscription;
    private final String channel;
    private final Consumer<String> onMessage;
    private final Runnable onSubscribed;
    private final Sleeper sleeper;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile JedisPubSub current;

    /**
     * Starts listening at once on a thread from {@code threads} (which names it; a daemon, so it never holds the
     * JVM open). {@code sleeper} waits between reconnection attempts.
     */
    public InvalidationSubscriber(RedisTier tier, CacheNames names, Consumer<String> onMessage,
            Runnable onSubscribed, ThreadFactory threads, Sleeper sleeper) {
        this(Objects.requireNonNull(tier, "tier").client()::subscribe, names, onMessage, onSubscribed, threads,
                sleeper);
    }

    InvalidationSubscriber(Subscription subscription, CacheNames names, Consumer<String> onMessage,
            Runnable onSubscribed, ThreadFactory threads, Sleeper sleeper) {
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.channel = new CacheKeys(names).invalidationChannel();
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
            boolean[] subscribed = {false};
            boolean flushOnSubscribe = !firstSubscription;
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int count) {
                    subscribed[0] = true;
                    if (flushOnSubscribe) {
                        onSubscribed.run();
                    }
                }

                @Override
                public void onMessage(String channel, String ownerAndGeneration) {
                    onMessage.accept(ownerAndGeneration);
                }
            };
            current = listener;
            try {
                subscription.subscribe(listener, channel);
            } catch (JedisException e) {
                if (running) {
                    log.debug("Invalidation subscription lost: {}", e.getMessage());
                }
            }
            if (subscribed[0]) {
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
        JedisPubSub listener = current;
        if (listener != null && listener.isSubscribed()) {
            try {
                listener.unsubscribe();
            } catch (JedisException e) {
                log.debug("Unsubscribe failed while closing", e);
            }
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
