package todoservice.dev;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB-wire-protocol server used for development and tests (mongo-java-server): in memory, or persisted
 * in one H2 file. It is never a production store; see the README for what it lacks.
 */
public final class EmbeddedMongo implements AutoCloseable {

    public static final String DATA_FILE = "todo.mv.db";

    private final MongoBackend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoBackend backend, String host, int port) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        this.address = server.getLocalAddress();
    }

    /** A throw-away store on a free loopback port. */
    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(new MemoryBackend(), "127.0.0.1", 0);
    }

    /** A throw-away store on a chosen loopback port (to bring a "crashed" store back where it was). */
    public static EmbeddedMongo onPort(int port) {
        return new EmbeddedMongo(new MemoryBackend(), "127.0.0.1", port);
    }

    /** A store kept in {@code directory}; reopening the same directory finds the same data. */
    public static EmbeddedMongo onDisk(Path directory, String host, int port) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create " + directory, e);
        }
        return new EmbeddedMongo(new H2Backend(directory.resolve(DATA_FILE).toString()), host, port);
    }

    public String uri(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
