package todoservice.redis;

import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Reads a pipelined reply. On a Cluster, Jedis logs a node's lost connection during a pipeline's sync and leaves that
 * node's replies unset, so reading one throws {@link IllegalStateException}; here it becomes the connection failure
 * it was, which callers already treat as "Redis unreachable".
 */
public final class PipelineReplies {

    private PipelineReplies() {
    }

    public static <T> T get(Response<T> reply) {
        try {
            return reply.get();
        } catch (IllegalStateException lost) {
            throw new JedisConnectionException("a pipelined reply was lost with its connection", lost);
        }
    }
}
