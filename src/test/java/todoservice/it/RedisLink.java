package todoservice.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between the app nodes and Redis that the test can break while Redis itself keeps running and keeps its
 * data, as in a network partition or a hanging Redis: {@link #hang()} swallows whatever the nodes send (their
 * commands never reach Redis and they time out), {@link #heal()} passes traffic again.
 */
final class RedisLink implements AutoCloseable {

    private final int redisPort;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean hanging;
    private volatile boolean closed;

    RedisLink(int redisPort) {
        this.redisPort = redisPort;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "redis-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The URI the nodes use instead of Redis's own. */
    String uri() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    /** From now on, bytes the nodes send are dropped: every command hangs until the client's timeout. */
    void hang() {
        hanging = true;
    }

    /** Traffic passes again (connections that timed out are gone; the nodes open new ones). */
    void heal() {
        hanging = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), redisPort);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (fromClient && hanging) {
                        continue;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // The other side went away.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "redis-link-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        sockets.forEach(this::closeQuietly);
    }
}
