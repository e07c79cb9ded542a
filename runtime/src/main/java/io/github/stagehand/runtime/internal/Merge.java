package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Channel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fan-in for the workers of one stage, which all send to one shared output: Go's {@code merge} with
 * its {@code WaitGroup}, minus the extra goroutine per input. Each worker calls {@link
 * #workerDone()} on its way out; the last one closes what the stage's end must close.
 *
 * <p>In a chain that is the one output channel ({@link #Merge(Channel, int)}). In a graph a stage
 * may have several outputs (ports, each a {@link Channel} or a {@link Tee}) and may end before its
 * input does; the generated code then passes the stage's own input channel and every output ({@link
 * #Merge(int, Outlet...)}): closing the input is how a stage that ended early leaves it, so that
 * its upstream stops waiting on it, and closing the outputs is {@code defer close(out)}.
 *
 * <pre>{@code
 * Merge merge = new Merge(splitWorkers, in, errors, requests); // the last worker closes all three
 * }</pre>
 *
 * <p>Invariants: {@code running} counts the workers that have not called {@link #workerDone()};
 * each of {@code toClose} is closed exactly once by this class, in order, by the call that brings
 * it to zero.
 */
public final class Merge {
    private final Outlet<?>[] toClose;
    private final AtomicInteger running;

    /** Merges {@code workers} workers into {@code out}. */
    public Merge(Channel<?> out, int workers) {
        this(workers, new Outlet<?>[] {out});
    }

    /**
     * Merges {@code workers} workers; the last to end closes each of {@code toClose}, in order.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    public Merge(int workers, Outlet<?>... toClose) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.toClose = toClose.clone();
        for (Outlet<?> outlet : this.toClose) {
            Objects.requireNonNull(outlet, "toClose");
        }
        this.running = new AtomicInteger(workers);
    }

    /**
     * {@code wg.Done()}: the last worker to call this closes what the stage's end closes.
     *
     * @return whether this was the last worker, as a batch sink's worker needs to know: the last
     *     one to end ends the sink
     */
    public boolean workerDone() {
        if (running.decrementAndGet() == 0) {
            for (Outlet<?> outlet : toClose) {
                outlet.close();
            }
            return true;
        }
        return false;
    }
}
