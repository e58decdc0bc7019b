package todoservice.accounts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import todoservice.web.ApiException;

/**
 * Holds a login that the login limits refused (429) back for {@code delay} before answering it, without holding a
 * request thread meanwhile. A client that tries again as soon as it is answered (a script guessing passwords on a
 * few connections) then makes one attempt per connection per {@code delay} instead of thousands a second, each a
 * request through nginx, Tomcat and Jersey that everyone else's requests would wait behind. Every other answer,
 * a wrong password's 401 included, goes out at once.
 */
public final class LoginRefusalDelay implements AutoCloseable {

    private final Duration delay;
    private final ScheduledExecutorService timer;
    private final AtomicInteger held = new AtomicInteger();

    /** {@code timer}: where held refusals wait; closing this answers those still waiting at once. */
    public LoginRefusalDelay(Duration delay, ScheduledExecutorService timer, MeterRegistry registry) {
        this.delay = Objects.requireNonNull(delay, "delay");
        this.timer = Objects.requireNonNull(timer, "timer");
        Gauge.builder("todo.auth.login.refusals.held", held, AtomicInteger::get)
                .description("Refused logins waiting out the refusal delay").register(registry);
    }

    /** Answers {@code async} with what {@code login} returns or throws, a refusal by the login limits after the delay. */
    public void answer(AsyncResponse async, Supplier<Response> login) {
        Response response;
        try {
            response = login.get();
        } catch (ApiException e) {
            if (e.status() == 429 && !delay.isZero()) {
                hold(async, e);
            } else {
                async.resume(e);
            }
            return;
        } catch (RuntimeException e) {
            async.resume(e);
            return;
        }
        async.resume(response);
    }

    private void hold(AsyncResponse async, ApiException refusal) {
        held.incrementAndGet();
        try {
            timer.schedule(() -> {
                held.decrementAndGet();
                async.resume(refusal);
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            held.decrementAndGet();
            async.resume(refusal);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow().forEach(Runnable::run);
    }
}
