package todoservice.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous limit instead of sleeping a fixed time. */
public final class Poll {
    private static final Duration DEFAULT_LIMIT = Duration.ofSeconds(30);

    private Poll() {
    }

    public static boolean until(BooleanSupplier condition) {
        return until(DEFAULT_LIMIT, condition);
    }

    /** True as soon as the condition holds; false when it still does not after {@code limit}. */
    public static boolean until(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            pause(Duration.ofMillis(100));
        }
        return condition.getAsBoolean();
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
