package todoservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** The subscriber's reconnection loop, with Redis scripted and the pauses between attempts recorded, not slept. */
class InvalidationSubscriberTest {

    /** What each SUBSCRIBE does, in order; the last one holds the subscription until the subscriber closes. */
    private final BlockingQueue<JedisPubSubScript> script = new LinkedBlockingQueue<>();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger resubscriptions = new AtomicInteger();
    private final CountDownLatch holding = new CountDownLatch(1);

    @FunctionalInterface
    private interface JedisPubSubScript {
        void run(RedisSubscription.Listener listener);
    }

    private InvalidationSubscriber start() {
        RedisSubscription scripted = new RedisSubscription() {
            @Override
            public void run(Listener listener) {
                JedisPubSubScript next = script.poll();
                if (next == null) {
                    holdUntilClosed();
                } else {
                    next.run(listener);
                }
            }

            @Override
            public void end() {
                // The subscriber's interrupt ends holdUntilClosed.
            }
        };
        return new InvalidationSubscriber(scripted, messages::add, resubscriptions::incrementAndGet, Thread::new,
                pauses::add);
    }

    private void holdUntilClosed() {
        holding.countDown();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException closing) {
            throw new JedisConnectionException("closed");
        }
    }

    private static JedisPubSubScript redisDown() {
        return listener -> {
            throw new JedisConnectionException("Connection refused");
        };
    }

    @Test
    void aRedisThatStaysDownIsRetriedWithABackoffThatDoublesUpToFiveSeconds() throws Exception {
        for (int i = 0; i < 8; i++) {
            script.add(redisDown());
        }
        script.add(RedisSubscription.Listener::subscribed);

        try (InvalidationSubscriber subscriber = start()) {
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("subscribed again in the end").isTrue();
        }

        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofMillis(3200), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMillis(100));
    }

    @Test
    void announcementsReachTheCacheAndOnlyAResubscriptionMakesItCatchUpOnWhatItMissed() throws Exception {
        script.add(listener -> {
            listener.subscribed();
            listener.message("alice 7");
            throw new JedisConnectionException("Connection reset");
        });
        script.add(redisDown());
        script.add(listener -> {
            listener.subscribed();
            listener.subscribed();
            listener.message("bob 3");
            holdUntilClosed();
        });

        try (InvalidationSubscriber subscriber = start()) {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(messages).containsExactly("alice 7", "bob 3");
        assertThat(resubscriptions).as("not on the first subscription, once on the one after the outage (however"
                + " many channels it confirms)")
                .hasValue(1);
        assertThat(pauses).as("the backoff starts over after a subscription that worked")
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }
}
