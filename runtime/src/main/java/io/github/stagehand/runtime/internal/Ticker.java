package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;
import io.github.stagehand.runtime.PipelineClock;
import java.time.Duration;
import java.util.Objects;

/**
 * A poller's schedule ({@code @Stage(every = "5s")} on the head): Go's {@code time.NewTicker},
 * ranged over until {@code done} closes. The generated head calls the stage once at once, then once
 * on every tick:
 *
 * <pre>{@code
 * Ticker ticker = new Ticker(scope.done(), pollEvery);
 * scope.fork("poll", 0, () -> {
 *     try {
 *         ticker.map(() -> Status.poll(endpoint), out);
 *     } ...
 * });
 * }</pre>
 *
 * <p>The ticks are {@code start + k * every}, {@code start} being the first call. A call that ends
 * after the next tick has passed skips every tick that passed meanwhile (Go's ticker drops them
 * too) and the next call begins at the first tick still to come: at most one call per tick, so a
 * slow consumer slows a poller down instead of piling its calls up. The statistics count the
 * skipped ticks. Between calls the head waits with {@link Done#sleep} on the run's clock, which
 * ends it at once when {@code done} closes.
 *
 * <p>It is used by one worker thread, the head's.
 */
public final class Ticker {
    private final Done done;
    private final PipelineClock clock;
    private final long period;

    /**
     * A ticker of period {@code every}, on {@code done}'s clock.
     *
     * @throws IllegalArgumentException if {@code every} is not positive
     */
    public Ticker(Done done, Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every must be positive: " + every);
        }
        this.done = Objects.requireNonNull(done, "done");
        this.clock = done.clock();
        this.period = BatchIn.saturatedNanos(every);
    }

    /**
     * A poller that sends for itself: calls {@code body} now and then on every tick, until {@code
     * done} closes (which ends it by the cancellation signal, from a send or from the wait).
     */
    public void each(TickBody body) throws Throwable {
        WorkerStats stats = WorkerStats.current();
        long start = clock.nanoTime();
        for (long tick = 0; ; ) {
            body.call();
            tick = waitForNextTick(start, tick, stats);
        }
    }

    /**
     * A poller that returns its value: calls {@code body} now and then on every tick and sends what
     * it returns to {@code out}, until it returns null (the end of the stream) or {@code done}
     * closes.
     */
    public <R> void map(PollBody<? extends R> body, Out<R> out) throws Throwable {
        WorkerStats stats = WorkerStats.current();
        long start = clock.nanoTime();
        for (long tick = 0; ; ) {
            R value = body.call();
            if (value == null) {
                return; // the poller ended its stream
            }
            out.send(value);
            tick = waitForNextTick(start, tick, stats);
        }
    }

    /**
     * Waits until the first tick after {@code tick} that has not passed yet, counting the ones that
     * have in {@code stats} (if not null); answers its number.
     */
    private long waitForNextTick(long start, long tick, WorkerStats stats) {
        long elapsed = clock.nanoTime() - start;
        // the first tick at or after now, but after this one: ceil(elapsed / period)
        long next = Math.max(tick + 1, elapsed / period + (elapsed % period == 0 ? 0 : 1));
        if (next > tick + 1 && stats != null) {
            stats.ticksSkipped(next - tick - 1);
        }
        long left = satMul(next, period) - elapsed;
        done.sleep(Duration.ofNanos(Math.max(0, left))); // ends the head once done closes
        return next;
    }

    /** {@code a * b} for non-negative operands, or {@link Long#MAX_VALUE} if it overflows. */
    private static long satMul(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }

    /** A call of a poller that sends for itself. */
    @FunctionalInterface
    public interface TickBody {
        void call() throws Throwable;
    }

    /** A call of a poller that returns its value; null ends the stream. */
    @FunctionalInterface
    public interface PollBody<R> {
        R call() throws Throwable;
    }
}
