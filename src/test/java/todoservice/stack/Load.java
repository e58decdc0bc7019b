package todoservice.stack;

import todoservice.it.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import todoservice.it.RawHttp;

/**
 * Steady traffic through nginx while a test breaks something: a few clients, each from its own loopback address
 * (so nginx's per-client limit of 50 requests/s never answers 429), each sending one request per pause. Every
 * outcome is recorded; an exception is an outcome with status -1. Every client acts for the shared account.
 */
final class Load {

    /** One request of one client; {@code sequence} counts that client's requests. */
    interface Step {
        Outcome send(RawHttp client, int sequence);
    }

    record Outcome(String request, int status, String detail, double seconds) {

        static Outcome of(String request, RawHttp.Reply reply, String detail) {
            return new Outcome(request, reply.status(), detail, 0);
        }

        Outcome timed(double took) {
            return new Outcome(request, status, detail, took);
        }
    }

    private final List<Thread> threads = new ArrayList<>();
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    private Load() {
    }

    /** Starts {@code clients} clients at addresses {@code addressPrefix + 1, 2, ...} (e.g. "127.0.4."). */
    static Load start(String addressPrefix, int clients, Duration pause, Step step) {
        return start(StackAccount.shared(), addressPrefix, clients, pause, step);
    }

    /** The same, acting for {@code account}. */
    static Load start(StackAccount account, String addressPrefix, int clients, Duration pause, Step step) {
        Load load = new Load();
        for (int i = 1; i <= clients; i++) {
            String address = addressPrefix + i;
            Thread thread = new Thread(() -> load.run(account, address, pause, step), "load-" + address);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void run(StackAccount account, String address, Duration pause, Step step) {
        try (RawHttp client = account.client(address)) {
            for (int sequence = 0; !stopped; sequence++) {
                long start = System.nanoTime();
                Outcome outcome;
                try {
                    outcome = step.send(client, sequence);
                } catch (RuntimeException e) {
                    // RawHttp drops a broken connection itself; the next request opens a new one.
                    outcome = new Outcome(address + " #" + sequence, -1, e.toString(), 0);
                }
                outcomes.add(outcome.timed(Stack.seconds(start)));
                Poll.pause(pause);
            }
        }
    }

    /** Stops every client and returns all outcomes. */
    List<Outcome> stop() {
        stopped = true;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(outcomes);
    }
}
