package todoservice.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import todoservice.redis.PipelineReplies;

/** {@link SharedCounts} in Redis: one pipelined round trip of {@code INCRBY}s, each setting its counter's expiry once. */
public final class RedisSharedCounts implements SharedCounts {

    /** KEYS: the counter. ARGV: the addition, its lifetime in ms (set by the call that creates it). */
    private static final String ADD = """
            local total = redis.call('INCRBY', KEYS[1], ARGV[1])
            if total == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return total
            """;

    private final UnifiedJedis redis;

    public RedisSharedCounts(UnifiedJedis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public List<Long> add(List<Addition> additions, Duration keepFor) {
        String lifetime = Long.toString(keepFor.toMillis());
        List<Response<Object>> replies = new ArrayList<>(additions.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Addition addition : additions) {
                replies.add(pipeline.eval(ADD, List.of(addition.key()), List.of(Long.toString(addition.by()),
                        lifetime)));
            }
            pipeline.sync();
        }
        return replies.stream().map(reply -> (Long) PipelineReplies.get(reply)).toList();
    }
}
