package todoservice.dev;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the development store (the embedded MongoDB-wire server) as a process of its own, until it is stopped
 * (SIGTERM or Ctrl-C close it cleanly, so the H2 file loses nothing): several nodes, a benchmark or supervisord can
 * then share one store that outlives any of them. Test classpath only, like the store itself.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat classpath.txt) todoservice.dev.DevStoreMain \
 *     [--host 127.0.0.1] [--port 27017] [--dir data | --memory]
 * </pre>
 */
public final class DevStoreMain {

    private static final Logger log = LoggerFactory.getLogger(DevStoreMain.class);

    private DevStoreMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 27017;
        Path directory = Path.of("data");
        boolean memory = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--dir" -> directory = Path.of(value(args, ++i));
                case "--memory" -> memory = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        AutoCloseable store;
        String where;
        if (memory) {
            MemoryBackend backend = new MemoryBackend();
            MongoServer server = new MongoServer(backend);
            server.bind(host, port);
            store = () -> {
                server.shutdownNow();
                backend.close();
            };
            where = "in memory";
        } else {
            Path absolute = directory.toAbsolutePath().normalize();
            store = EmbeddedMongo.onDisk(absolute, host, port);
            where = "H2 file " + absolute.resolve(EmbeddedMongo.DATA_FILE);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                store.close();
            } catch (Exception e) {
                log.warn("Development store: close failed", e);
            }
            log.info("Development store stopped");
            stopped.countDown();
        }, "dev-store-shutdown"));
        log.info("Development store: embedded MongoDB-wire server ({}) listening on {}:{}", where, host, port);
        stopped.await();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("DevStoreMain: " + problem);
        System.err.println("usage: DevStoreMain [--host 127.0.0.1] [--port 27017] [--dir data | --memory]");
        System.exit(2);
    }
}
