package io.github.stagehand.runtime;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The time a run reads and waits on: a batch's linger, a poller's period, a rate, a timed receive,
 * {@link Done#sleep}, and the run's own deadline and timeout. By default the system's monotonic
 * clock, {@link #system()}; a test gives a run a {@link VirtualClock} instead, through the
 * generated builder's {@code clock(...)}, and an hour of the run's time then passes in
 * milliseconds.
 *
 * <p>A {@link Done} carries the clock of its run ({@link Done#clock()}), and a child {@code done}
 * its parent's; a stage that timestamps what it holds reads the same clock its waits use:
 *
 * <pre>{@code
 * @Stage
 * static void ship(In<Line> in, Done done) {
 *     long oldest = done.clock().nanoTime();
 *     ...
 * }
 * }</pre>
 */
public abstract sealed class PipelineClock permits SystemClock, VirtualClock {

    PipelineClock() {}

    /**
     * The system's monotonic clock, {@link System#nanoTime()}: the clock of every run unless told.
     */
    public static PipelineClock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * Now, in nanoseconds from an origin of this clock's own: only the difference of two readings
     * means anything, as with {@link System#nanoTime()}.
     */
    public abstract long nanoTime();

    /**
     * Runs {@code action} once {@code delayNanos} have passed on this clock; running the answer
     * cancels it. The action must be quick and must not block: it closes a run's {@code done}.
     */
    abstract Runnable schedule(Runnable action, long delayNanos);

    /** {@code thread} is one of a run's threads from now: the clock waits for it (virtual only). */
    void join(Thread thread) {}

    /** {@code thread} is no longer one of a run's threads. */
    void leave(Thread thread) {}

    /**
     * A run on this clock that {@code fail} fails if it can never go on (virtual only); running the
     * answer forgets it.
     */
    Runnable attach(String pipeline, Supplier<String> snapshot, Consumer<Throwable> fail) {
        return () -> {};
    }
}
