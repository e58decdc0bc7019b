package todoservice.cache;

import java.util.List;
import java.util.Objects;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.JedisShardedPubSub;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/** One pub/sub subscription of Jedis, plain or sharded, driven by {@link InvalidationSubscriber}'s thread. */
interface RedisSubscription {

    /** What a running subscription reports. */
    interface Listener {
        /** The subscription is in place (called once per channel). */
        void subscribed();

        void message(String message);
    }

    /** Blocks while subscribed, reporting to {@code listener}; returns or throws when the subscription ends. */
    void run(Listener listener);

    /** Ends the running subscription from another thread; nothing when none runs. */
    void end();

    /** SUBSCRIBE to {@code channels} on one connection (a standalone Redis, or the primary Sentinel names). */
    static RedisSubscription plain(UnifiedJedis redis, List<String> channels) {
        Objects.requireNonNull(redis, "redis");
        String[] names = channels.toArray(String[]::new);
        return new RedisSubscription() {
            private volatile JedisPubSub current;

            @Override
            public void run(Listener listener) {
                JedisPubSub pubSub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int count) {
                        listener.subscribed();
                    }

                    @Override
                    public void onMessage(String channel, String message) {
                        listener.message(message);
                    }
                };
                current = pubSub;
                redis.subscribe(pubSub, names);
            }

            @Override
            public void end() {
                JedisPubSub pubSub = current;
                if (pubSub != null && pubSub.isSubscribed()) {
                    pubSub.unsubscribe();
                }
            }
        };
    }

    /**
     * SSUBSCRIBE to {@code channel} on the Cluster node that owns its slot; the node ends it (and the subscriber
     * subscribes again, wherever the slot now is) when the slot moves or the node fails over.
     */
    static RedisSubscription sharded(RedisClusterClient cluster, String channel) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(channel, "channel");
        return new RedisSubscription() {
            private volatile JedisShardedPubSub current;

            @Override
            public void run(Listener listener) {
                JedisShardedPubSub pubSub = new JedisShardedPubSub() {
                    @Override
                    public void onSSubscribe(String subscribed, int count) {
                        listener.subscribed();
                    }

                    @Override
                    public void onSMessage(String from, String message) {
                        listener.message(message);
                    }
                };
                current = pubSub;
                cluster.ssubscribe(pubSub, channel);
            }

            @Override
            public void end() {
                JedisShardedPubSub pubSub = current;
                if (pubSub != null && pubSub.isSubscribed()) {
                    pubSub.sunsubscribe();
                }
            }
        };
    }
}
