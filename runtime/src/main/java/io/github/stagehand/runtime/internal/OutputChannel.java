package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.PipelineOutput;
import io.github.stagehand.runtime.Received;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * The {@link PipelineOutput} that a generated pipeline's {@code Output} extends: the last channel
 * of its run, and the owner's duty to close {@code done}. The generated subclass adds only {@code
 * close()}, which declares the stages' checked exceptions.
 *
 * @param <T> the element type of the last stage
 */
// javac's -Xlint:try flags AutoCloseable.close()'s "throws Exception" here; every generated
// subclass declares a close() that cannot throw InterruptedException, and that is what users close
@SuppressWarnings("try")
public abstract class OutputChannel<T> implements PipelineOutput<T> {
    private final StageScope scope;
    private final In<T> last;

    /** The failure that {@link #receive()} threw as itself, for close() not to throw it again. */
    private volatile Throwable thrownAsItself;

    /** Whether {@link #receive()} saw the end of a complete stream, with {@code done} open. */
    private volatile boolean complete;

    /** Wraps the running {@code scope} and its {@code last} channel. */
    protected OutputChannel(StageScope scope, In<T> last) {
        this.scope = scope;
        this.last = last;
    }

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

    @Override
    public final Received<T> receive(Duration timeout) {
        Received<T> received;
        try {
            received = last.receive(timeout);
        } catch (CancelledException e) {
            ended(); // returns only when the owner closed done: an early exit
            return new Received.End<>();
        }
        if (received instanceof Received.End<T>) {
            if (scope.done().isClosed()) {
                ended();
            } else {
                complete = true;
            }
        }
        return received;
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

    @Override
    public final Done done() {
        return scope.done();
    }

    @Override
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
