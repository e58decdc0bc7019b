package todoservice.stack;

import todoservice.it.Poll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cases 2 and 3, and a graceful restart: supervisord brings a dead Tomcat node back, and nginx hides the dead
 * node from clients meanwhile.
 */
@ExtendWith(StackExtension.class)
class NodeCrashStackIT {

    /** Generous: a node restarts in about 15 s on a quiet machine, over 60 s on a loaded 2-core one. */
    private static final Duration RESTART_LIMIT = Duration.ofMinutes(5);

    @BeforeEach
    void bothNodesServe() {
        // A test breaks one node at a time; the other must be serving, whatever the previous test left behind.
        assertThat(Poll.until(RESTART_LIMIT, () -> Todos.nodeReady(8000) && Todos.nodeReady(8001)))
                .as("both nodes ready").isTrue();
    }

    @Test
    void aNodeKilledWithSigkillUnderLoadIsRestartedAndNoGetFails() {
        String id = Todos.create("kill -9 survivor");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Load reads = Todos.reads("127.0.4.", 6, id);
        Load writes = Todos.writes("127.0.5.", 1, "crash-" + run + "-");
        Poll.pause(Duration.ofSeconds(3));

        Stack.Program before = Stack.program("tomcat-node:tomcat-node1");
        assertThat(before.state()).isEqualTo("RUNNING");
        long killed = System.nanoTime();
        Stack.kill9(before.pid());
        assertThat(Poll.until(RESTART_LIMIT, () -> restarted("tomcat-node:tomcat-node1", before.pid()))).isTrue();
        double respawned = Stack.seconds(killed);
        assertThat(Poll.until(RESTART_LIMIT, () -> Todos.nodeReady(8000))).as("node1 ready again").isTrue();
        double ready = Stack.seconds(killed);
        assertThat(Poll.until(RESTART_LIMIT, () -> Stack.program("tomcat-node:tomcat-node1").state().equals("RUNNING"))).isTrue();
        double running = Stack.seconds(killed);
        assertThat(Poll.until(Duration.ofSeconds(60), () -> Todos.servedBy("127.0.4.100", "node1")))
                .as("nginx sends requests to node1 again").isTrue();
        double backInRotation = Stack.seconds(killed);
        Poll.pause(Duration.ofSeconds(2));
        List<Load.Outcome> readOutcomes = reads.stop();
        List<Load.Outcome> writeOutcomes = writes.stop();

        Stack.figure("kill -9 node1 under load: respawned by supervisord %.1f s, ready %.1f s, RUNNING %.1f s,"
                + " back in nginx's rotation %.1f s after the kill", respawned, ready, running, backInRotation);
        Stack.figure("kill -9 node1 under load: %d GETs, %d failed, slowest %.2f s; %d POSTs, %d not 201",
                readOutcomes.size(), Todos.failures(readOutcomes, 200).size(), Todos.slowest(readOutcomes),
                writeOutcomes.size(), Todos.failures(writeOutcomes, 201).size());
        assertThat(Todos.failures(readOutcomes, 200)).as("failed GETs").isEmpty();
        Todos.assertNoDuplicates(writeOutcomes, "crash-" + run + "-");
    }

    @Test
    void threeQuickCrashesInARowDoNotLeaveTheNodeFatal() {
        String id = Todos.create("crash loop survivor");
        Load reads = Todos.reads("127.0.6.", 2, id);
        Stack.Program first = Stack.program("tomcat-node:tomcat-node2");
        assertThat(first.state()).isEqualTo("RUNNING");
        Stack.kill9(first.pid());
        long last = first.pid();
        long lastKill = 0;
        for (int crash = 1; crash <= 3; crash++) {
            long previous = last;
            assertThat(Poll.until(RESTART_LIMIT, () -> restarted("tomcat-node:tomcat-node2", previous))).isTrue();
            Stack.Program restarting = Stack.program("tomcat-node:tomcat-node2");
            assertThat(restarting.state()).as("crash %d", crash).isEqualTo("STARTING");
            Stack.kill9(restarting.pid());
            lastKill = System.nanoTime();
            last = restarting.pid();
            Stack.figure("crash loop: kill -9 #%d of node2 while %s (pid %d)", crash, restarting.state(),
                    restarting.pid());
        }
        long finalKill = lastKill;
        assertThat(Poll.until(RESTART_LIMIT, () -> {
            String state = Stack.program("tomcat-node:tomcat-node2").state();
            assertThat(state).isNotEqualTo("FATAL");
            return state.equals("RUNNING");
        })).as("node2 RUNNING again").isTrue();
        double running = Stack.seconds(finalKill);
        assertThat(Poll.until(RESTART_LIMIT, () -> Todos.nodeReady(8001))).isTrue();
        List<Load.Outcome> outcomes = reads.stop();

        Stack.figure("crash loop: node2 RUNNING %.1f s and ready %.1f s after the third quick kill; %d GETs"
                + " meanwhile, %d failed", running, Stack.seconds(finalKill), outcomes.size(),
                Todos.failures(outcomes, 200).size());
        assertThat(Todos.failures(outcomes, 200)).isEmpty();
    }

    @Test
    void aHurriedRollingRestartUnderLoadCostsNoGet() {
        // node2 restarts, and node1 dies as soon as node2 is ready. nginx skips a node for 5 s after a failed
        // attempt, so it may still be skipping node2 then; without the backup entries in nginx.conf every
        // request was a 502 for those seconds (seen once: 139 failed GETs). Whether nginx is still skipping
        // node2 at that moment depends on timing, so this test cannot always show the difference.
        String id = Todos.create("rolling restart survivor");
        Load reads = Todos.reads("127.0.9.", 4, id);
        Stack.supervisorctl("stop", "tomcat-node:tomcat-node2");
        Poll.pause(Duration.ofSeconds(2));
        Stack.supervisorctl("start", "tomcat-node:tomcat-node2");
        assertThat(Poll.until(RESTART_LIMIT, () -> Todos.nodeReady(8001))).isTrue();
        long back = System.nanoTime();
        Stack.kill9(Stack.program("tomcat-node:tomcat-node1").pid());
        double killedAfter = Stack.seconds(back);
        Poll.pause(Duration.ofSeconds(5));
        assertThat(Poll.until(RESTART_LIMIT, () -> Todos.nodeReady(8000))).isTrue();
        List<Load.Outcome> outcomes = reads.stop();

        Stack.figure("hurried rolling restart: node1 killed %.1f s after node2 was ready: %d GETs, %d failed", killedAfter, outcomes.size(),
                Todos.failures(outcomes, 200).size());
        assertThat(Todos.failures(outcomes, 200)).isEmpty();
    }

    @Test
    void aGracefulRestartUnderLoadFailsNoRequestAndLeaksNothingButTheKnownDriverThread() {
        String id = Todos.create("graceful restart survivor");
        String run = UUID.randomUUID().toString().substring(0, 8);
        int logLines = Stack.nodeCatalinaLog("node1").size();
        Load reads = Todos.reads("127.0.7.", 4, id);
        Load writes = Todos.writes("127.0.8.", 2, "graceful-" + run + "-");
        Poll.pause(Duration.ofSeconds(2));

        long start = System.nanoTime();
        Stack.supervisorctl("stop", "tomcat-node:tomcat-node1");
        double stopped = Stack.seconds(start);
        Stack.supervisorctl("start", "tomcat-node:tomcat-node1");
        assertThat(Poll.until(RESTART_LIMIT, () -> Todos.nodeReady(8000))).isTrue();
        double ready = Stack.seconds(start);
        Poll.pause(Duration.ofSeconds(2));
        List<Load.Outcome> readOutcomes = reads.stop();
        List<Load.Outcome> writeOutcomes = writes.stop();

        Stack.figure("graceful restart of node1 (SIGTERM) under load: stopped in %.1f s, ready %.1f s after the"
                + " stop began; %d GETs, %d failed; %d POSTs, %d not 201", stopped, ready, readOutcomes.size(),
                Todos.failures(readOutcomes, 200).size(), writeOutcomes.size(),
                Todos.failures(writeOutcomes, 201).size());
        assertThat(Todos.failures(readOutcomes, 200)).isEmpty();
        assertThat(Todos.failures(writeOutcomes, 201)).isEmpty();
        Todos.assertNoDuplicates(writeOutcomes, "graceful-" + run + "-");
        List<String> leaks = Stack.nodeCatalinaLog("node1").stream().skip(logLines)
                .filter(line -> line.contains("appears to have started a thread named"))
                .map(line -> line.replaceAll(".*a thread named \\[([^]]*)].*", "$1")).toList();
        Stack.figure("graceful restart of node1: threads Tomcat reported as leaked on undeploy: %s", leaks);
        // The MongoDB driver's BufferPoolPruner thread outlives MongoClient.close() (JAVA-5643, open).
        assertThat(leaks).allMatch(name -> name.startsWith("BufferPoolPruner-"));
    }

    private static boolean restarted(String program, long oldPid) {
        Stack.Program now = Stack.program(program);
        assertThat(now.state()).isNotEqualTo("FATAL");
        return now.pid() != 0 && now.pid() != oldPid;
    }
}
