package io.github.stagehand.runtime;

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
 * <p>{@link #receive()} returns null when the pipeline has delivered everything, and also once it
 * was cancelled or failed; {@code close()}, generated per pipeline so that it declares the stages'
 * checked exceptions, then throws the first failure as itself, or a {@link
 * java.util.concurrent.CancellationException} if a parent, a deadline or an interrupt cancelled the
 * run.
 *
 * @param <T> the element type of the last stage
 */
public abstract class PipelineOutput<T> implements In<T>, AutoCloseable {
    private final StageScope scope;
    private final In<T> last;

    /** Wraps the running {@code scope} and its {@code last} channel. */
    protected PipelineOutput(StageScope scope, In<T> last) {
        this.scope = scope;
        this.last = last;
    }

    @Override
    public final T receive() {
        try {
            return last.receive();
        } catch (CancelledException e) {
            return null; // close() reports why
        }
    }

    /** The pipeline's {@code done}, to close from another thread or to hand to a child. */
    public final Done done() {
        return scope.done();
    }

    /**
     * Closes {@code done} and waits for every stage thread to end.
     *
     * @return null, the first stage failure, or a {@link
     *     java.util.concurrent.CancellationException} (see {@link StageScope#join()})
     */
    protected final Throwable closeAndJoin() {
        return scope.close();
    }
}
