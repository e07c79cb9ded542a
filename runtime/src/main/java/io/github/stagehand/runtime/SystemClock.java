package io.github.stagehand.runtime;

import io.github.stagehand.runtime.internal.Timer;
import java.util.concurrent.ScheduledFuture;

/** {@link PipelineClock#system()}: {@link System#nanoTime()}, with nothing to track. */
final class SystemClock extends PipelineClock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {}

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    Runnable schedule(Runnable action, long delayNanos) {
        ScheduledFuture<?> timer = Timer.schedule(action, Math.max(0, delayNanos));
        return () -> timer.cancel(false);
    }

    @Override
    public String toString() {
        return "PipelineClock.system()";
    }
}
