package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import todoservice.it.Poll;

/**
 * Issue 18: a node that hangs without dying (SIGSTOP: a long GC pause, a frozen VM) under load. Its sockets stay
 * open, so nginx's connections to it neither fail nor answer; supervisord sees it RUNNING. What clients see is
 * measured; no write acknowledged with 201 may be lost or stored twice, and after SIGCONT both nodes serve.
 */
@ExtendWith(StackExtension.class)
class NodeFreezeStackIT {

    private static final Duration RESTART_LIMIT = Duration.ofMinutes(5);
    /** Longer than nginx's proxy_read_timeout (30 s): what a request stuck on the frozen node comes to. */
    private static final Duration FROZEN = Duration.ofSeconds(40);

    @Test
    void aNodeFrozenWithSigstopUnderLoadLosesNoAcknowledgedWrite() {
        assertThat(Poll.until(RESTART_LIMIT, () -> Todos.nodeReady(8000) && Todos.nodeReady(8001)))
                .as("both nodes ready").isTrue();
        String id = Todos.create("SIGSTOP survivor");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Load reads = Todos.reads("127.0.10.", 4, id);
        Load writes = Todos.writes("127.0.11.", 2, "freeze-" + run + "-");
        Poll.pause(Duration.ofSeconds(3));

        long pid = Stack.program("tomcat-node:tomcat-node1").pid();
        signal("STOP", pid);
        long frozen = System.nanoTime();
        try {
            Poll.pause(FROZEN);
        } finally {
            signal("CONT", pid);
        }
        double thawed = Stack.seconds(frozen);
        assertThat(Poll.until(RESTART_LIMIT, () -> Todos.nodeReady(8000))).as("node1 serves again").isTrue();
        assertThat(Poll.until(Duration.ofSeconds(60), () -> Todos.servedBy("127.0.10.100", "node1")))
                .as("nginx sends requests to node1 again").isTrue();
        Poll.pause(Duration.ofSeconds(2));
        List<Load.Outcome> readOutcomes = reads.stop();
        List<Load.Outcome> writeOutcomes = writes.stop();

        Stack.figure("SIGSTOP node1 for %.0f s under load: GETs %s, slowest %.2f s; POSTs %s, slowest %.2f s;"
                + " supervisord state while frozen: RUNNING", thawed, statuses(readOutcomes),
                Todos.slowest(readOutcomes), statuses(writeOutcomes), Todos.slowest(writeOutcomes));
        assertThat(Stack.program("tomcat-node:tomcat-node1").pid()).as("the frozen node was not restarted").isEqualTo(pid);
        Todos.assertNoDuplicates(writeOutcomes, "freeze-" + run + "-");
        assertThat(Todos.failures(readOutcomes, 200)).as("failed GETs").isEmpty();
    }

    private static Map<Integer, Long> statuses(List<Load.Outcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(Load.Outcome::status, TreeMap::new,
                Collectors.counting()));
    }

    private static void signal(String name, long pid) {
        Stack.Result result = Stack.run(Duration.ofSeconds(10), "kill", "-" + name, Long.toString(pid));
        assertThat(result.exitCode()).as("kill -%s %d: %s", name, pid, result.output()).isZero();
    }
}
