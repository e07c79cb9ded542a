package io.github.stagehand.runtime.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread, {@code stagehand-timer}, that closes every deadline's {@code done} and
 * reports stage workers that outlive their grace period ({@link StageScope}). It runs no user code;
 * its tasks must be quick and must not block.
 */
public final class Timer {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private Timer() {}

    /** Runs {@code task} on the timer thread after {@code delayNanos}. */
    public static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(
                        1,
                        task -> {
                            Thread thread = new Thread(task, "stagehand-timer");
                            thread.setDaemon(true);
                            return thread;
                        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
