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
 * then throw. The generated {@code Output} declares a {@code close()} of its own, with the stages'
 * checked exceptions: it closes {@code done}, waits for every stage thread, and throws the first
 * failure as itself, or a {@link CancellationException} if the run was cancelled.
 *
 * @param <T> the element type of the last stage
 */
// javac's -Xlint:try flags AutoCloseable.close()'s "throws Exception" here; every generated Output
// declares a close() that cannot throw InterruptedException, and that is what users close
@SuppressWarnings("try")
public interface PipelineOutput<T> extends In<T>, AutoCloseable {

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
    T receive();

    /** The pipeline's {@code done}, to close from another thread or to hand to a child. */
    Done done();

    /**
     * Who waits on whom, now: one line per stage thread still alive, saying whether it is blocked
     * sending on a channel (named for the stages it joins, with how full it is), receiving from
     * one, or in its stage's own code. A pipeline that seems hung explains itself here. Works with
     * or without statistics.
     */
    String snapshot();
}
