package golden;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.internal.Failures;
import io.github.stagehand.runtime.internal.Merge;
import io.github.stagehand.runtime.internal.OutputChannel;
import io.github.stagehand.runtime.internal.StageScope;
import io.github.stagehand.runtime.internal.WorkerIn;
import io.github.stagehand.runtime.internal.WorkerOut;
import javax.annotation.processing.Generated;

/**
 * The pipeline of {@link Squares}'s stages: gen → sq.
 *
 * <p>Each stage worker runs on its own virtual thread, named {@code SquaresPipeline.<stage>#<worker>}; neighbours are joined by channels; one {@code done} reaches every send and receive and is closed on every way out.
 */
@Generated("io.github.stagehand.processor.StageProcessor")
public final class SquaresPipeline {
    private SquaresPipeline() {
    }

    /**
     * Run-time options: per-stage workers and buffers, a parent {@code done}, a deadline.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the pipeline and returns its last channel; close it, best with try-with-resources, to close {@code done} and wait for every stage thread.
     *
     * <p>The same as {@code builder().start(...)}.
     */
    public static Output start(int... nums) {
        return builder().start(nums);
    }

    /**
     * Run-time options of {@link SquaresPipeline}: its stages' own, each starting at its {@code @Stage} value, and from {@link PipelineBuilder} the run-wide ones (a parent {@code done}, a deadline or timeout, the grace period, statistics).
     */
    public static final class Builder extends PipelineBuilder<Builder> {
        private int genBuffer = 256;

        private int sqWorkers = 2;

        private int sqBuffer = 256;

        private Builder() {
        }

        /**
         * Capacity of gen's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder genBuffer(int genBuffer) {
            if (genBuffer < 0) {
                throw new IllegalArgumentException("genBuffer must not be negative: " + genBuffer);
            }
            this.genBuffer = genBuffer;
            return this;
        }

        /**
         * How many workers run sq (default 2); they share its input and are merged into one output.
         */
        public Builder sqWorkers(int sqWorkers) {
            if (sqWorkers < 1) {
                throw new IllegalArgumentException("sqWorkers must be at least 1: " + sqWorkers);
            }
            this.sqWorkers = sqWorkers;
            return this;
        }

        /**
         * Capacity of sq's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder sqBuffer(int sqBuffer) {
            if (sqBuffer < 0) {
                throw new IllegalArgumentException("sqBuffer must not be negative: " + sqBuffer);
            }
            this.sqBuffer = sqBuffer;
            return this;
        }

        /**
         * Starts the pipeline and returns its last channel; close it, best with try-with-resources, to close {@code done} and wait for every stage thread.
         */
        public Output start(int... nums) {
            StageScope scope = StageScope.open("SquaresPipeline", this); // done := make(chan struct{}), closed by this builder's parent and deadline too
            Channel<Integer> gen = gen(scope, nums);
            Channel<Integer> sq = sq(scope, gen);
            return new Output(scope, sq);
        }

        /**
         * gen, the head: one worker emits on {@code out}, which it closes when it ends.
         */
        private Channel<Integer> gen(StageScope scope, int[] nums) {
            Channel<Integer> out = scope.channel("gen -> sq", genBuffer);
            scope.fork("gen", 0, () -> {
                try {
                    Squares.gen(scope.headOut(out), nums);
                } catch (Throwable failure) {
                    throw scope.failed(failure); // before out closes: a failed stage never looks finished
                } finally {
                    out.close(); // defer close(out)
                }
            });
            return out;
        }

        /**
         * sq: {@code sqWorkers} workers range over {@code in} and send to one {@code out}; the last to end closes it.
         */
        private Channel<Integer> sq(StageScope scope, Channel<Integer> in) {
            Channel<Integer> out = scope.channel("sq -> output", sqBuffer);
            Merge merge = new Merge(out, sqWorkers); // merge: the last worker to end closes out
            for (int worker = 0; worker < sqWorkers; worker++) {
                scope.fork("sq", worker, () -> {
                    WorkerOut<Integer> results = new WorkerOut<>(out);
                    try {
                        new WorkerIn<>(in, sqWorkers, results).map("sq", n -> Squares.sq(n), results); // for n := range in { out <- sq(n) }
                        results.flush(); // the input ended: hand on what this worker holds before wg.Done()
                    } catch (Throwable failure) {
                        throw scope.failed(failure); // before out closes: a failed stage never looks finished
                    } finally {
                        merge.workerDone(); // defer wg.Done()
                    }
                });
            }
            return out;
        }
    }

    /**
     * The last channel of a running {@link SquaresPipeline}: receive or iterate it, then close it. A failed or cancelled run ends the stream by throwing, never as if it were complete.
     */
    public static final class Output extends OutputChannel<Integer> {
        private Output(StageScope scope, Channel<Integer> last) {
            super(scope, last);
        }

        /**
         * Closes {@code done} (Go's {@code defer close(done)}), waits for every stage thread, and rethrows the first stage failure as itself (unless {@code receive()} already threw it as itself), or a {@link java.util.concurrent.CancellationException} if a parent, deadline or interrupt cancelled the run or a stage was interrupted.
         */
        @Override
        public void close() {
            Throwable failure = closeAndJoin();
            Failures.throwUnchecked(failure);
        }
    }
}
