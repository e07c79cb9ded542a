package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Done;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The end of a pipeline with several sinks: it is over when every sink has its value, and the last
 * sink to finish closes {@code done}, which releases every stage still sending (a producer that
 * feeds no one any more, or a branch a sink left early). A sink that returns calls {@link
 * #sinkDone()} once, after closing its input:
 *
 * <pre>{@code
 * Sinks sinks = new Sinks(scope.done(), 3); // the last sink to end closes done
 * ...
 * try {
 *     total = total(in);
 * } finally {
 *     in.close();                            // leave the input: its upstream stops waiting on it
 *     sinks.sinkDone();
 * }
 * }</pre>
 *
 * <p>{@code done} is closed without a cause, as its owner closes it on the way out: a failure
 * closes it first, with the failure as the cause, and that is kept.
 *
 * <p>Invariants: {@code running} counts the sinks that have not called {@link #sinkDone()}; the
 * call that brings it to zero closes {@code done}, once. Each sink calls it once; a further call
 * leaves the count below zero and does nothing more.
 */
public final class Sinks {
    private final Done done;
    private final AtomicInteger running;

    /**
     * The end of a pipeline of {@code sinks} sinks, whose last closes {@code done}.
     *
     * @throws IllegalArgumentException if {@code sinks < 1}
     */
    public Sinks(Done done, int sinks) {
        if (sinks < 1) {
            throw new IllegalArgumentException("sinks must be at least 1: " + sinks);
        }
        this.done = Objects.requireNonNull(done, "done");
        this.running = new AtomicInteger(sinks);
    }

    /** One sink has its value; the last to call this closes {@code done}. */
    public void sinkDone() {
        if (running.decrementAndGet() == 0) {
            done.close();
        }
    }
}
