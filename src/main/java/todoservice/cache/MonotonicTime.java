package todoservice.cache;

/**
 * Elapsed time that never jumps (unlike the wall clock an NTP step can move back), and waiting on it: the
 * generation reuse is safe only if both are measured this way.
 */
public interface MonotonicTime {

    MonotonicTime SYSTEM = new MonotonicTime() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
            boolean interrupted = false;
            long left;
            // Uninterruptible: a write acknowledged early would break read-your-writes on other nodes.
            while ((left = deadlineNanos - System.nanoTime()) > 0) {
                try {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    };

    long nanos();

    /** Returns once {@link #nanos()} has passed {@code deadlineNanos}. */
    void sleepUntil(long deadlineNanos);
}
