package todoservice.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous limit instead of sleeping a fixed time. */
public final class Poll {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Poll() {
    }

    public static boolean until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
