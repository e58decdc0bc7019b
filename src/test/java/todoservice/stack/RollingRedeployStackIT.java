package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import todoservice.it.Poll;

/**
 * {@code bin/stack redeploy}: the WAR rolled out node by node, then the workers, while clients read and write
 * through nginx. Nobody using the service notices: no request fails and every acknowledged write is kept.
 */
@ExtendWith(StackExtension.class)
class RollingRedeployStackIT {

    @Test
    void aRollingRedeployUnderLoadFailsNoRequestAndLosesNoWrite() {
        assertThat(Poll.until(Duration.ofMinutes(5), () -> Todos.nodeReady(8000) && Todos.nodeReady(8001)))
                .as("both nodes ready").isTrue();
        String id = Todos.create("redeploy survivor");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Load reads = Todos.reads("127.0.8.", 4, id);
        Load writes = Todos.writes("127.0.9.", 1, "redeploy-" + run + "-");
        Poll.pause(Duration.ofSeconds(2));
        long pidBefore = Stack.program("tomcat-node:tomcat-node1").pid();

        long started = System.nanoTime();
        Stack.Result redeploy = Stack.run(Duration.ofMinutes(10), "bin/stack", "redeploy");
        double took = Stack.seconds(started);
        Poll.pause(Duration.ofSeconds(2));
        List<Load.Outcome> readOutcomes = reads.stop();
        List<Load.Outcome> writeOutcomes = writes.stop();

        Stack.figure("rolling redeploy of 2 nodes and 2 workers under load: %.1f s; %d GETs, %d failed, slowest"
                + " %.2f s; %d POSTs, %d not 201", took, readOutcomes.size(), Todos.failures(readOutcomes, 200).size(),
                Todos.slowest(readOutcomes), writeOutcomes.size(), Todos.failures(writeOutcomes, 201).size());
        assertThat(redeploy.exitCode()).as(redeploy.output()).isZero();
        assertThat(Stack.program("tomcat-node:tomcat-node1").pid()).as("node1 was restarted").isNotEqualTo(pidBefore);
        assertThat(Stack.program("tomcat-node:tomcat-node2").state()).isEqualTo("RUNNING");
        assertThat(Stack.program("jobs-worker:jobs-worker-0").state()).isEqualTo("RUNNING");
        assertThat(Todos.failures(readOutcomes, 200)).as("failed GETs").isEmpty();
        assertThat(Todos.failures(writeOutcomes, 201)).as("failed POSTs").isEmpty();
        Todos.assertNoDuplicates(writeOutcomes, "redeploy-" + run + "-");
        assertThat(Poll.until(Duration.ofSeconds(60), () -> Todos.servedBy("127.0.8.100", "node1")
                && Todos.servedBy("127.0.8.100", "node2"))).as("both nodes back in nginx's rotation").isTrue();
    }
}
