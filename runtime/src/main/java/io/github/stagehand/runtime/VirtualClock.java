package io.github.stagehand.runtime;

import java.time.Duration;

/** Work in progress: a clock for tests; see PipelineClock. */
public final class VirtualClock extends PipelineClock {
    private volatile long now;

    /** A virtual clock at zero. */
    public VirtualClock() {}

    @Override
    public long nanoTime() {
        return now;
    }

    /** How much virtual time has passed since this clock was made. */
    public Duration elapsed() {
        return Duration.ofNanos(now);
    }
}
