package golden;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.internal.Failures;
import io.github.stagehand.runtime.internal.Merge;
import io.github.stagehand.runtime.internal.Outlet;
import io.github.stagehand.runtime.internal.SinkValue;
import io.github.stagehand.runtime.internal.StageScope;
import io.github.stagehand.runtime.internal.Tee;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The pipeline graph of {@link Zip}'s stages: pairs.numbers → zip; pairs.words → zip; zip → collect.
 *
 * <p>Each stage worker runs on its own virtual thread, named {@code ZipPipeline.<stage>#<worker>}; neighbours are joined by channels; one {@code done} reaches every send and receive and is closed on every way out.
 */
@Generated("io.github.stagehand.processor.StageProcessor")
public final class ZipPipeline {
    private ZipPipeline() {
    }

    /**
     * Run-time options: per-stage workers and buffers, a parent {@code done}, a deadline.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the pipeline to the end and returns what {@code collect} returned.
     *
     * <p>Blocks until every stage thread has ended. The first stage failure is rethrown as itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run gives a {@link java.util.concurrent.CancellationException} whose cause says which.
     *
     * <p>The same as {@code builder().run(...)}.
     */
    public static List<String> run(int n) {
        return builder().run(n);
    }

    /**
     * Run-time options of {@link ZipPipeline}: its stages' own, each starting at its {@code @Stage} value, and from {@link PipelineBuilder} the run-wide ones (a parent {@code done}, a deadline or timeout, the grace period, statistics).
     */
    public static final class Builder extends PipelineBuilder<Builder> {
        private int pairsBuffer = 256;

        private int zipWorkers = 1;

        private int zipBuffer = 1;

        private Builder() {
        }

        /**
         * Capacity of pairs's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder pairsBuffer(int pairsBuffer) {
            if (pairsBuffer < 0) {
                throw new IllegalArgumentException("pairsBuffer must not be negative: " + pairsBuffer);
            }
            this.pairsBuffer = pairsBuffer;
            return this;
        }

        /**
         * How many workers run zip (default 1); they share its input and are merged into one output.
         */
        public Builder zipWorkers(int zipWorkers) {
            if (zipWorkers < 1) {
                throw new IllegalArgumentException("zipWorkers must be at least 1: " + zipWorkers);
            }
            this.zipWorkers = zipWorkers;
            return this;
        }

        /**
         * Capacity of zip's outbound channel (default 1; 0 is unbuffered).
         */
        public Builder zipBuffer(int zipBuffer) {
            if (zipBuffer < 0) {
                throw new IllegalArgumentException("zipBuffer must not be negative: " + zipBuffer);
            }
            this.zipBuffer = zipBuffer;
            return this;
        }

        /**
         * Runs the pipeline to the end and returns what {@code collect} returned.
         *
         * <p>Blocks until every stage thread has ended. The first stage failure is rethrown as itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run gives a {@link java.util.concurrent.CancellationException} whose cause says which.
         */
        public List<String> run(int n) {
            StageScope scope = StageScope.open("ZipPipeline", this); // done := make(chan struct{}), closed by this builder's parent and deadline too
            Channel<Integer> zipLeft = scope.channel("pairs.numbers -> zip.left", pairsBuffer);
            Channel<String> zipRight = scope.channel("pairs.words -> zip.right", pairsBuffer);
            pairs(scope, n, new Tee<>(scope.done(), zipLeft), new Tee<>(scope.done(), zipRight));
            Channel<String> collectIn = scope.channel("zip -> collect", zipBuffer);
            zip(scope, zipLeft, zipRight, new Tee<>(scope.done(), collectIn));
            SinkValue<List<String>> collect = collect(scope, collectIn);
            Throwable failure = scope.join();
            // every stage thread has ended and done is closed: defer close(done)
            Failures.throwUnchecked(failure);
            return collect.get();
        }

        /**
         * pairs, the head: one worker emits on its outputs, which it closes when it ends.
         */
        private void pairs(StageScope scope, int n, Outlet<Integer> numbers, Outlet<String> words) {
            scope.fork("pairs", 0, () -> {
                try {
                    Zip.pairs(scope.headOut(numbers), scope.headOut(words), n);
                } catch (Throwable failure) {
                    throw scope.failed(failure); // before out closes: a failed stage never looks finished
                } finally {
                    numbers.close(); // defer close(out)
                    words.close(); // defer close(out)
                }
            });
        }

        /**
         * zip: {@code zipWorkers} workers range over {@code in} and send to {@code out}; the last to end closes it.
         */
        private void zip(StageScope scope, Channel<Integer> left, Channel<String> right,
                Outlet<String> out) {
            Merge merge = new Merge(zipWorkers, left, right, out); // merge: the last worker to end closes out, and leaves in
            for (int worker = 0; worker < zipWorkers; worker++) {
                scope.fork("zip", worker, () -> {
                    try {
                        Zip.zip(left, right, out);
                    } catch (Throwable failure) {
                        throw scope.failed(failure); // before out closes: a failed stage never looks finished
                    } finally {
                        merge.workerDone(); // defer wg.Done()
                    }
                });
            }
        }

        /**
         * collect, the sink: consumes {@code in}; its value is what {@code run} returns.
         */
        private SinkValue<List<String>> collect(StageScope scope, Channel<String> in) {
            In<String> input = scope.input(in); // in, taken in runs
            SinkValue<List<String>> value = new SinkValue<>();
            scope.fork("collect", 0, () -> {
                value.set(Zip.collect(input));
                scope.done().close(); // the sink has its value: release every stage still sending
            });
            return value;
        }
    }
}
