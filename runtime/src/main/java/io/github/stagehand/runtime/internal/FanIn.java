package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Channel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The input of a stage that consumes several upstream outputs: Go's {@code merge(done, cs...)},
 * except that the upstreams send straight into the one channel the stage reads, with no goroutine
 * per input to copy them across. Each upstream stage is given its own {@link #writer()}; the input
 * ends, closed by the last upstream to close its writer, once every upstream has ended.
 *
 * <pre>{@code
 * Channel<Entry> mergedIn = scope.channel(Math.max(aBuffer, bBuffer));
 * FanIn<Entry> merged = new FanIn<>(mergedIn, 2); // merge: the last upstream to end closes mergedIn
 * a(scope, ..., merged.writer());
 * b(scope, ..., merged.writer());
 * }</pre>
 *
 * <p>A writer's {@code send} and {@code sendOrClosed} are the channel's own, with everything they
 * document about {@code done}, interrupts and a consumer that has left (closed the channel). Its
 * {@code close} counts its upstream as ended, once however often it is called; it closes nothing
 * itself unless it is the last.
 *
 * <p>Invariants: {@code taken <= upstreams}; each writer counts itself ended once in {@code
 * upstreamsEnded}, a {@link Merge} of {@code upstreams}, when it first sets its {@code closed}
 * flag; so {@code in} is closed exactly once, by the last writer to close.
 *
 * @param <T> the element type; elements are never null
 */
public final class FanIn<T> {
    private final Channel<T> in;
    private final RunOutlet inRuns; // in's run side
    private final int upstreams;
    private final AtomicInteger taken = new AtomicInteger();
    private final Merge upstreamsEnded; // the last writer to close closes in

    /**
     * A fan-in of {@code upstreams} writers into {@code in}.
     *
     * @throws IllegalArgumentException if {@code upstreams < 1}
     */
    public FanIn(Channel<T> in, int upstreams) {
        if (upstreams < 1) {
            throw new IllegalArgumentException("upstreams must be at least 1: " + upstreams);
        }
        this.in = Objects.requireNonNull(in, "in");
        this.inRuns = RunOutlet.of(in);
        this.upstreams = upstreams;
        this.upstreamsEnded = new Merge(upstreams, in);
    }

    /**
     * The sending side for one more upstream.
     *
     * @throws IllegalStateException if all {@code upstreams} writers were taken already
     */
    public Outlet<T> writer() {
        if (taken.incrementAndGet() > upstreams) {
            taken.decrementAndGet();
            throw new IllegalStateException(
                    "FanIn of " + upstreams + " upstreams has no writer left to give");
        }
        return new Writer();
    }

    @Override
    public String toString() {
        return "FanIn[upstreams=" + upstreams + ", taken=" + taken.get() + ", in=" + in + "]";
    }

    /** One upstream's writer: sends go to {@code in}; {@link #close()} counts it ended, once. */
    private final class Writer implements Outlet<T>, RunOutlet {
        private final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void send(T value) {
            in.send(value);
        }

        @Override
        public boolean sendOrClosed(T value) {
            return in.sendOrClosed(value);
        }

        @Override
        public int runCapacity() {
            return inRuns.runCapacity();
        }

        @Override
        public boolean observed() {
            return inRuns.observed();
        }

        @Override
        public void sendRun(Object[] items, int n) {
            inRuns.sendRun(items, n);
        }

        @Override
        public boolean sendRunOrClosed(Object[] items, int n) {
            return inRuns.sendRunOrClosed(items, n);
        }

        /** This upstream has ended; the last of them closes {@code in}. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                upstreamsEnded.workerDone();
            }
        }

        @Override
        public String toString() {
            return "FanIn.Writer[closed=" + closed + ", in=" + in + "]";
        }
    }
}
