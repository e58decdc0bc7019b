package todoservice.stack;

import todoservice.it.Poll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import todoservice.it.RawHttp;

/** Case 5: nginx holds 10,000 idle client connections and still answers. */
@ExtendWith(StackExtension.class)
class IdleConnectionsStackIT {

    private static final int IDLE = 10_000;
    private static final Pattern ACTIVE = Pattern.compile("Active connections: (\\d+)");

    @Test
    void tenThousandIdleConnectionsAreHeldWhileAProbeIsAnswered() throws IOException {
        // Each idle connection is one descriptor in this JVM (and one in an nginx worker).
        long openFiles = openFileLimit();
        assertThat(openFiles).as("this JVM's open-file limit (ulimit -n) must leave room for %d sockets", IDLE)
                .isGreaterThan(IDLE + 1000);
        List<SocketChannel> idle = new ArrayList<>(IDLE);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < IDLE; i++) {
                idle.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", Stack.PUBLIC_PORT)));
            }
            double opened = Stack.seconds(start);
            int established = Stack.establishedTo(Stack.PUBLIC_PORT);
            int active = nginxActiveConnections();
            long probeStart = System.nanoTime();
            int probe;
            try (RawHttp prober = new RawHttp("127.0.0.2", Stack.PUBLIC_PORT)) {
                probe = prober.get("/health/ready").status();
            }
            double probeSeconds = Stack.seconds(probeStart);
            int stillEstablished = Stack.establishedTo(Stack.PUBLIC_PORT);
            double held = Stack.seconds(start);

            Stack.figure("idle connections: %d opened in %.1f s (JVM open-file limit %d); ss counts %d established"
                    + " to :8888, nginx reports %d active; probe %d in %.3f s; still %d established %.1f s after"
                    + " the first was opened", IDLE, opened, openFiles, established, active, probe, probeSeconds,
                    stillEstablished, held);
            assertThat(established).isGreaterThanOrEqualTo(IDLE);
            assertThat(active).as("connections nginx accepted").isGreaterThanOrEqualTo(IDLE);
            assertThat(probe).isEqualTo(200);
            assertThat(stillEstablished).isGreaterThanOrEqualTo(IDLE);

            // None of them sent a request: nginx drops them after client_header_timeout (10 s), as it drops a
            // slowloris attacker's connections.
            assertThat(Poll.until(Duration.ofMinutes(2), () -> Stack.establishedTo(Stack.PUBLIC_PORT) < 100)).isTrue();
            Stack.figure("idle connections: closed by nginx's 10 s header timeout %.1f s after the first was opened",
                    Stack.seconds(start));
        } finally {
            for (SocketChannel channel : idle) {
                channel.close();
            }
        }
    }

    private static int nginxActiveConnections() {
        try (RawHttp local = new RawHttp("127.0.0.1", Stack.PUBLIC_PORT)) {
            Matcher active = ACTIVE.matcher(local.get("/nginx-status").text());
            assertThat(active.find()).isTrue();
            return Integer.parseInt(active.group(1));
        }
    }

    private static long openFileLimit() throws IOException {
        return Stack.lines(Path.of("/proc/self/limits")).stream().filter(line -> line.startsWith("Max open files"))
                .map(line -> line.split("\\s+")[3]).mapToLong(Long::parseLong).findFirst().orElse(0);
    }
}
