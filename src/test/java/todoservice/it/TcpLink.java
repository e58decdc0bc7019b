package todoservice.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback listener between the app and a server (Redis, the store) that the tests put in the way to misbehave:
 * each accepted connection is paired with a new one to the server and both are handed to {@code wiring}, which
 * moves the bytes. Closing it closes every connection.
 */
final class TcpLink implements AutoCloseable {

    /** Starts the threads that move bytes between a client of the link and its own connection to the server. */
    @FunctionalInterface
    interface Wiring {
        void connect(Socket client, Socket server);
    }

    private final int serverPort;
    private final Wiring wiring;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    TcpLink(String name, int serverPort, Wiring wiring) {
        this.serverPort = serverPort;
        this.wiring = wiring;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(name + "-accept", this::accept);
    }

    /** The port the app connects to instead of the server's. */
    int port() {
        return listener.getLocalPort();
    }

    static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                wiring.connect(client, server);
            } catch (IOException e) {
                // A failed accept or connect: the next client tries again, unless the link is closing.
            }
        }
    }

    void closeQuietly(Socket socket) {
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
