package io.github.stagehand.runtime;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * What {@code start(...)} returns: the last channel of a running pipeline, and its owner's duty to
 * close {@code done}. Iterate or {@link #receive()} it, then close it, best with
 * try-with-resources:
 *
 * <pre>{@code
 * try (var out = SquaresPipeline.start(2, 3)) {
 *     System.out.println(out.receive());       // returning early is fine
 * }                                            // close(done), then every stage thread has ended
 * }</pre>
 *
 * <p>{@link #receive()} returns null only at the end of a complete stream, or after the owner
 * closed {@code done} itself (an early exit). A run that failed, or that a parent, a deadline or an
 * interrupt cancelled, never looks complete: {@code receive()}, iteration and {@link #stream()}
 * then throw (docs/adr/0003). {@code close()}, generated per pipeline so that it declares the
 * stages' checked exceptions, throws the first failure as itself, or a {@link
 * CancellationException} if the run was cancelled.
 *
 * @param <T> the element type of the last stage
 */
// javac's -Xlint:try flags AutoCloseable.close()'s "throws Exception" here; every generated
// subclass declares a close() that cannot throw InterruptedException, and that is what users close
@SuppressWarnings("try")
public abstract class PipelineOutput<T> implements In<T>, AutoCloseable {
    private final StageScope scope;
    private final In<T> last;

    /** The failure that {@link #receive()} threw as itself, for close() not to throw it again. */
    private volatile Throwable thrownAsItself;

    /** Whether {@link #receive()} saw the end of a complete stream, with {@code done} open. */
    private volatile boolean complete;

    /** Wraps the running {@code scope} and its {@code last} channel. */
    protected PipelineOutput(StageScope scope, In<T> last) {
        this.scope = scope;
        this.last = last;
    }

    /**
     * The next element, or null once the stream has ended completely or the owner closed {@code
     * done}.
     *
     * @throws RuntimeException the first stage failure as itself if it is unchecked ({@link Error}s
     *     likewise); a {@link CompletionException} with it as the cause if it is checked; or a
     *     {@link CancellationException} whose cause says what cancelled the run (a parent's cause,
     *     a {@link java.util.concurrent.TimeoutException}, an {@link InterruptedException})
     */
    @Override
    public final T receive() {
        T value;
        try {
            value = last.receive();
        } catch (CancelledException e) {
            return ended();
        }
        // The last stage closes its channel when it ends, also when done closed first and its
        // workers merely stopped: a failure or cancellation closes done before that, so a closed
        // channel with done closed is not the end of a complete stream.
        if (value == null) {
            if (scope.done().isClosed()) {
                return ended();
            }
            complete = true; // a parent or deadline closing done from now on cancels nothing
        }
        return value;
    }

    /** Precondition: {@code done} is closed. Null if the owner closed it, else throws why. */
    private T ended() {
        Throwable outcome = scope.outcome();
        if (outcome == null) {
            return null; // the owner closed done: an early exit it made itself
        }
        if (outcome instanceof RuntimeException || outcome instanceof Error) {
            if (!(outcome instanceof CancellationException)) {
                thrownAsItself = outcome;
            }
            Failures.throwUnchecked(outcome);
        }
        throw new CompletionException(outcome);
    }

    /** The pipeline's {@code done}, to close from another thread or to hand to a child. */
    public final Done done() {
        return scope.done();
    }

    /**
     * Who waits on whom, now: one line per stage thread still alive, saying whether it is blocked
     * sending on a channel (named for the stages it joins, with how full it is), receiving from
     * one, or in its stage's own code. A pipeline that seems hung explains itself here. Works with
     * or without statistics.
     */
    public final String snapshot() {
        return scope.snapshot();
    }

    /**
     * Closes {@code done} and waits for every stage thread to end.
     *
     * @return null if the run completed (also when a parent, a deadline or an interrupt came only
     *     after the stream's end was received), the owner ended it, or {@link #receive()} has
     *     already thrown its failure as itself (an exception cannot suppress itself, so
     *     try-with-resources would replace it by an {@link IllegalArgumentException}); otherwise
     *     the first stage failure, or a {@link CancellationException} (see {@link
     *     StageScope#join()}). A stage's {@link InterruptedException} comes as a {@code
     *     CancellationException} with it as the cause: {@code close()} does not declare it, so that
     *     try-with-resources stays free of {@code -Xlint:try} warnings (docs/adr/0003).
     */
    protected final Throwable closeAndJoin() {
        Throwable outcome = scope.close();
        if (outcome != null && outcome == thrownAsItself) {
            return null;
        }
        if (complete && outcome instanceof CancellationException) {
            return null; // every element was delivered before the parent, deadline or interrupt
        }
        if (outcome instanceof InterruptedException interrupt) {
            CancellationException cancelled =
                    new CancellationException("a stage was interrupted: " + interrupt);
            cancelled.initCause(interrupt);
            return cancelled;
        }
        return outcome;
    }
}
