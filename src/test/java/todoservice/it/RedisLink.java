package todoservice.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A TCP link between the app nodes and Redis that the test can break while Redis itself keeps running and keeps its
 * data, as in a network partition or a hanging Redis: {@link #hang()} swallows whatever the nodes send (their
 * commands never reach Redis and they time out), {@link #heal()} passes traffic again.
 */
final class RedisLink implements AutoCloseable {

    private final TcpLink link;
    private volatile boolean hanging;

    RedisLink(int redisPort) {
        link = new TcpLink("redis-link", redisPort, (client, server) -> {
            pump(client, server, true);
            pump(server, client, false);
        });
    }

    /** The URI the nodes use instead of Redis's own. */
    String uri() {
        return "redis://127.0.0.1:" + link.port();
    }

    /** From now on, bytes the nodes send are dropped: every command hangs until the client's timeout. */
    void hang() {
        hanging = true;
    }

    /** Traffic passes again (connections that timed out are gone; the nodes open new ones). */
    void heal() {
        hanging = false;
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        TcpLink.daemon("redis-link-pump", () -> {
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
                link.closeQuietly(from);
                link.closeQuietly(to);
            }
        });
    }

    @Override
    public void close() {
        link.close();
    }
}
