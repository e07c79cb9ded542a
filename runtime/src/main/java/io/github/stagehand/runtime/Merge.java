package io.github.stagehand.runtime;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fan-in for the workers of one stage, which all send to one shared channel: Go's {@code merge}
 * with its {@code WaitGroup}, minus the extra goroutine per input. Each worker calls {@link
 * #workerDone()} on its way out; the last one closes the channel.
 *
 * <p>Invariants: {@code running} counts the workers that have not called {@link #workerDone()};
 * {@code out} is closed exactly once, when it reaches zero.
 */
public final class Merge {
    private final Channel<?> out;
    private final AtomicInteger running;

    /** Merges {@code workers} workers into {@code out}. */
    public Merge(Channel<?> out, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.out = out;
        this.running = new AtomicInteger(workers);
    }

    /** {@code wg.Done()}: the last worker to call this closes the shared channel. */
    public void workerDone() {
        if (running.decrementAndGet() == 0) {
            out.close();
        }
    }
}
