package todoservice.dev;

import com.mongodb.ServerAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.config.Config;
import todoservice.ops.DevelopmentServices;

/**
 * What {@code mvn jetty:run} starts ({@code DEV_SERVICES=true}, set in the pom) for what is not configured:
 * <ul>
 * <li>without {@code MONGODB_URI}: an embedded store on the default address (127.0.0.1:27017), persisted under
 * {@code DEV_STORE_DIR};</li>
 * <li>without {@code REDIS_URI}: a {@code redis-server} on 127.0.0.1:6379, for the cache and the job queue.</li>
 * </ul>
 * When something already listens there (the first node's servers, or real ones), this node simply uses it. Found
 * through {@code META-INF/services} on the test classpath, which only {@code jetty:run} (useTestScope) and the
 * tests see.
 */
public final class LocalDevelopmentServices implements DevelopmentServices {

    private static final Logger log = LoggerFactory.getLogger(LocalDevelopmentServices.class);
    static final int REDIS_PORT = 6379;

    private EmbeddedMongo store;
    private EmbeddedRedis redis;

    @Override
    public Config start(Config config) {
        if (!config.mongodbUriGiven()) {
            startStore(config);
        }
        // One Redis serves the cache's L2 and, unless JOBS_REDIS_URI names another, the job queue.
        boolean redisNeeded = config.cache().mode().usesL2() || config.jobs().redisUri().isEmpty();
        if (redisNeeded && config.cache().redisUri().isEmpty()) {
            URI uri = URI.create("redis://127.0.0.1:" + REDIS_PORT);
            startRedis();
            return config.withCache(config.cache().withRedisUri(uri));
        }
        return config;
    }

    private void startStore(Config config) {
        ServerAddress address = config.mongodbUri().getHosts().stream().findFirst()
                .map(ServerAddress::new).orElseGet(ServerAddress::new);
        if (!isLoopback(address.getHost())) {
            log.info("Development store: not started, {} is not a local address", address);
            return;
        }
        Path directory = config.devStoreDir().toAbsolutePath().normalize();
        if (LoopbackPorts.isTaken(address.getHost(), address.getPort())) {
            log.info("Development store: using the MongoDB already listening on {} (another node's store or a"
                    + " real mongod)", address);
            return;
        }
        try {
            store = EmbeddedMongo.onDisk(directory, address.getHost(), address.getPort());
        } catch (RuntimeException e) {
            // Another node bound the port between our check and our bind: share its store.
            log.info("Development store: using the MongoDB on {} ({})", address, e.getMessage());
            return;
        }
        log.info("Development store: embedded MongoDB-wire server (mongo-java-server, H2 file) on {}, data in {}",
                address, directory.resolve(EmbeddedMongo.DATA_FILE));
    }

    private void startRedis() {
        if (LoopbackPorts.isTaken("127.0.0.1", REDIS_PORT)) {
            log.info("Development Redis: using the Redis already listening on 127.0.0.1:{}", REDIS_PORT);
            return;
        }
        try {
            redis = EmbeddedRedis.start(REDIS_PORT);
            log.info("Development Redis: redis-server (from the embedded-redis artifact) on 127.0.0.1:{},"
                    + " no persistence", REDIS_PORT);
        } catch (UncheckedIOException e) {
            log.info("Development Redis: using 127.0.0.1:{} ({})", REDIS_PORT, e.getMessage());
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.close();
            redis = null;
        }
        if (store != null) {
            store.close();
            store = null;
            log.info("Development store stopped");
        }
    }
}
