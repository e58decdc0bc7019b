package todoservice.dev;

import com.mongodb.ServerAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.config.Config;
import todoservice.mongo.DevelopmentStore;

/**
 * What {@code mvn jetty:run} uses when {@code MONGODB_URI} is not set: an embedded store on the default address
 * (127.0.0.1:27017), persisted under {@code DEV_STORE_DIR}. When something already listens there (the first
 * node's store, or a real mongod), this node simply uses it. Found through {@code META-INF/services} on the
 * test classpath, which only {@code jetty:run} (useTestScope) and the tests see.
 */
public final class LocalDevelopmentStore implements DevelopmentStore {

    private static final Logger log = LoggerFactory.getLogger(LocalDevelopmentStore.class);

    private EmbeddedMongo store;

    @Override
    public void start(Config config) {
        ServerAddress address = config.mongodbUri().getHosts().stream().findFirst()
                .map(ServerAddress::new).orElseGet(ServerAddress::new);
        if (!isLoopback(address.getHost())) {
            log.info("Development store: not started, {} is not a local address", address);
            return;
        }
        Path directory = config.devStoreDir().toAbsolutePath().normalize();
        if (isTaken(address)) {
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

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isTaken(ServerAddress address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address.getHost(), address.getPort()));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
            log.info("Development store stopped");
        }
    }
}
