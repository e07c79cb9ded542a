package io.github.stagehand.runtime;

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
}
