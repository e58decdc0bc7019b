package todoservice.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * A TCP link between the app and the embedded MongoDB-wire server that makes the queries on one collection slow, as
 * a missing index or an overloaded server would, while every other command passes at once. The embedded server
 * ignores {@code maxTimeMS}, so the link plays that part of a real mongod: a slow query that carries a
 * {@code maxTimeMS} shorter than the slowness is answered after {@code maxTimeMS} with mongod's own error (code 50,
 * MaxTimeMSExpired); one without it is forwarded once the slowness has passed. Speaks OP_MSG, the only opcode the
 * driver sends to a 5.0 server without compression.
 */
final class SlowMongoLink implements AutoCloseable {

    private static final int OP_MSG = 2013;

    private final String collection;
    private final TcpLink link;
    private final AtomicInteger slowQueries = new AtomicInteger();
    private volatile Duration slowness = Duration.ZERO;

    /** Slows {@code find} and {@code count} commands on {@code collection} when told to. */
    SlowMongoLink(int mongoPort, String collection) {
        this.collection = collection;
        this.link = new TcpLink("mongo-link", mongoPort, (client, server) -> {
            TcpLink.daemon("mongo-link-requests", () -> requests(client, server));
            TcpLink.daemon("mongo-link-replies", () -> copy(server, client));
        });
    }

    /** The URI the app uses instead of the store's own. */
    String uri(String database) {
        return "mongodb://127.0.0.1:" + link.port() + "/" + database;
    }

    /** From now on each query on the collection takes {@code slowness} (zero: as fast as the store). */
    void slow(Duration slowness) {
        this.slowness = slowness;
    }

    /** How many queries the link has slowed so far. */
    int slowQueries() {
        return slowQueries.get();
    }

    /** Client to server, one whole message at a time, so a query can be held back or answered here. */
    private void requests(Socket client, Socket server) {
        try (DataInputStream in = new DataInputStream(client.getInputStream());
                OutputStream toServer = server.getOutputStream()) {
            while (true) {
                byte[] message = new byte[Integer.reverseBytes(in.readInt())];
                ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).putInt(message.length);
                in.readFully(message, 4, message.length - 4);
                Duration delay = slowness;
                BsonDocument command = command(message);
                if (!delay.isZero() && command != null && isSlowQuery(command)) {
                    slowQueries.incrementAndGet();
                    long limit = command.containsKey("maxTimeMS")
                            ? command.getNumber("maxTimeMS").longValue() : Long.MAX_VALUE;
                    if (limit < delay.toMillis()) {
                        Thread.sleep(limit);
                        reply(client, message, timeLimitExceeded());
                        continue;
                    }
                    Thread.sleep(delay.toMillis());
                }
                toServer.write(message);
                toServer.flush();
            }
        } catch (IOException | InterruptedException e) {
            // Either side went away.
        } finally {
            link.closeQuietly(client);
            link.closeQuietly(server);
        }
    }

    private boolean isSlowQuery(BsonDocument command) {
        String name = command.getFirstKey();
        return (name.equals("find") || name.equals("count") || name.equals("aggregate"))
                && command.get(name).isString() && command.getString(name).getValue().equals(collection);
    }

    /** The body of an OP_MSG (its kind-0 section), or null for any other message. */
    private static BsonDocument command(byte[] message) {
        ByteBuffer buffer = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.getInt(12) != OP_MSG || message[20] != 0) {
            return null;
        }
        return new RawBsonDocument(message, 21, buffer.getInt(21));
    }

    /** What mongod answers when an operation runs past its maxTimeMS. */
    private static BsonDocument timeLimitExceeded() {
        return new BsonDocument("ok", new BsonDouble(0))
                .append("errmsg", new BsonString("operation exceeded time limit"))
                .append("code", new BsonInt32(50))
                .append("codeName", new BsonString("MaxTimeMSExpired"));
    }

    private static void reply(Socket client, byte[] request, BsonDocument body) throws IOException {
        ByteBuffer bytes = new RawBsonDocument(body, new BsonDocumentCodec()).getByteBuffer().asNIO();
        byte[] document = new byte[bytes.remaining()];
        bytes.get(document);
        ByteBuffer reply = ByteBuffer.allocate(16 + 4 + 1 + document.length).order(ByteOrder.LITTLE_ENDIAN);
        int requestId = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
        reply.putInt(reply.capacity()).putInt(0).putInt(requestId).putInt(OP_MSG).putInt(0).put((byte) 0).put(document);
        synchronized (client) {
            OutputStream out = client.getOutputStream();
            out.write(reply.array());
            out.flush();
        }
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                // The requests thread may answer on the same socket.
                synchronized (to) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // Either side went away.
        } finally {
            link.closeQuietly(from);
            link.closeQuietly(to);
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
