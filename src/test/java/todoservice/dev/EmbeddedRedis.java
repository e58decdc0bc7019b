package todoservice.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} process (6.2, shipped in the embedded-redis artifact) on a loopback port, with no
 * persistence: the tests and {@code mvn jetty:run} use it; it can be killed and started again on the same port.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private EmbeddedRedis(int port) {
        this.port = port;
    }

    /** Starts redis-server on {@code port}; 0 picks a free one. */
    public static EmbeddedRedis start(int port) {
        EmbeddedRedis redis = new EmbeddedRedis(port == 0 ? LoopbackPorts.free() : port);
        redis.start();
        return redis;
    }

    public synchronized void start() {
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start on port " + port, e);
        }
    }

    /** Stops the process, as a crash would for the clients (they see their connections closed). */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
