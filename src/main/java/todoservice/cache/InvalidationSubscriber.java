package todoservice.cache;

import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Listens on the invalidation channel on a thread of its own and reconnects with backoff when Redis goes away.
 * Each (re)subscription runs {@code onSubscribed}, because messages sent while disconnected are lost.
 */
public final class InvalidationSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InvalidationSubscriber.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final RedisClient redis;
    private final String channel;
    private final Consumer<String> onMessage;
    private final Runnable onSubscribed;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile JedisPubSub current;

    public InvalidationSubscriber(RedisTier tier, CacheNames names, Consumer<String> onMessage,
            Runnable onSubscribed) {
        this.redis = Objects.requireNonNull(tier, "tier").client();
        this.channel = new CacheKeys(names).invalidationChannel();
        this.onMessage = Objects.requireNonNull(onMessage, "onMessage");
        this.onSubscribed = Objects.requireNonNull(onSubscribed, "onSubscribed");
        this.thread = new Thread(this::run, "todo-cache-invalidations");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long backoff = 100;
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
                public void onMessage(String channel, String owner) {
                    onMessage.accept(owner);
                }
            };
            current = listener;
            try {
                redis.subscribe(listener, channel);
            } catch (JedisException e) {
                if (running) {
                    log.debug("Invalidation subscription lost: {}", e.getMessage());
                }
            }
            if (subscribed[0]) {
                firstSubscription = false;
                backoff = 100;
            }
            if (running) {
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
