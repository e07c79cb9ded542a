package golden;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.internal.Failures;
import io.github.stagehand.runtime.internal.Merge;
import io.github.stagehand.runtime.internal.OrderedMerge;
import io.github.stagehand.runtime.internal.SinkValue;
import io.github.stagehand.runtime.internal.StageScope;
import io.github.stagehand.runtime.internal.WorkerIn;
import io.github.stagehand.runtime.internal.WorkerOut;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The pipeline of {@link WordCount}'s stages: files → words → length → total.
 *
 * <p>Each stage worker runs on its own virtual thread, named {@code WordCountPipeline.<stage>#<worker>}; neighbours are joined by channels; one {@code done} reaches every send and receive and is closed on every way out.
 */
@Generated("io.github.stagehand.processor.StageProcessor")
public final class WordCountPipeline {
    private WordCountPipeline() {
    }

    /**
     * Run-time options: per-stage workers and buffers, a parent {@code done}, a deadline.
     */
    public static Builder builder(WordCount owner) {
        return new Builder(owner);
    }

    /**
     * Runs the pipeline to the end and returns what {@code total} returned.
     *
     * <p>Blocks until every stage thread has ended. The first stage failure is rethrown as itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run gives a {@link java.util.concurrent.CancellationException} whose cause says which.
     *
     * <p>The same as {@code builder(owner).run(...)}.
     */
    public static long run(WordCount owner, List<Path> paths) throws IOException,
            InterruptedException {
        return builder(owner).run(paths);
    }

    /**
     * Run-time options of {@link WordCountPipeline}: its stages' own, each starting at its {@code @Stage} value, and from {@link PipelineBuilder} the run-wide ones (a parent {@code done}, a deadline or timeout, the grace period, statistics).
     */
    public static final class Builder extends PipelineBuilder<Builder> {
        private final WordCount owner;

        private int filesBuffer = 256;

        private int wordsWorkers = 4;

        private int wordsBuffer = 16;

        private int lengthWorkers = 2;

        private int lengthBuffer = 256;

        private Builder(WordCount owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
        }

        /**
         * Capacity of files's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder filesBuffer(int filesBuffer) {
            if (filesBuffer < 0) {
                throw new IllegalArgumentException("filesBuffer must not be negative: " + filesBuffer);
            }
            this.filesBuffer = filesBuffer;
            return this;
        }

        /**
         * How many workers run words (default 4); they share its input and are merged into one output.
         */
        public Builder wordsWorkers(int wordsWorkers) {
            if (wordsWorkers < 1) {
                throw new IllegalArgumentException("wordsWorkers must be at least 1: " + wordsWorkers);
            }
            this.wordsWorkers = wordsWorkers;
            return this;
        }

        /**
         * Capacity of words's outbound channel (default 16; 0 is unbuffered).
         */
        public Builder wordsBuffer(int wordsBuffer) {
            if (wordsBuffer < 0) {
                throw new IllegalArgumentException("wordsBuffer must not be negative: " + wordsBuffer);
            }
            this.wordsBuffer = wordsBuffer;
            return this;
        }

        /**
         * How many workers run length (default 2); they share its input and are merged into one output.
         */
        public Builder lengthWorkers(int lengthWorkers) {
            if (lengthWorkers < 1) {
                throw new IllegalArgumentException("lengthWorkers must be at least 1: " + lengthWorkers);
            }
            this.lengthWorkers = lengthWorkers;
            return this;
        }

        /**
         * Capacity of length's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder lengthBuffer(int lengthBuffer) {
            if (lengthBuffer < 0) {
                throw new IllegalArgumentException("lengthBuffer must not be negative: " + lengthBuffer);
            }
            this.lengthBuffer = lengthBuffer;
            return this;
        }

        /**
         * Runs the pipeline to the end and returns what {@code total} returned.
         *
         * <p>Blocks until every stage thread has ended. The first stage failure is rethrown as itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run gives a {@link java.util.concurrent.CancellationException} whose cause says which.
         */
        public long run(List<Path> paths) throws IOException, InterruptedException {
            StageScope scope = StageScope.open("WordCountPipeline", this); // done := make(chan struct{}), closed by this builder's parent and deadline too
            Channel<Path> files = files(scope, paths);
            Channel<String> words = words(scope, files);
            Channel<Integer> length = length(scope, words);
            SinkValue<Long> total = total(scope, length);
            Throwable failure = scope.join();
            // every stage thread has ended and done is closed: defer close(done)
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof InterruptedException e) {
                throw e;
            }
            Failures.throwUnchecked(failure);
            return total.get();
        }

        /**
         * files, the head: one worker emits on {@code out}, which it closes when it ends.
         */
        private Channel<Path> files(StageScope scope, List<Path> paths) {
            Channel<Path> out = scope.channel("files -> words", filesBuffer);
            scope.fork("files", 0, () -> {
                try {
                    WordCount.files(scope.headOut(out), paths);
                } catch (Throwable failure) {
                    throw scope.failed(failure); // before out closes: a failed stage never looks finished
                } finally {
                    out.close(); // defer close(out)
                }
            });
            return out;
        }

        /**
         * words: {@code wordsWorkers} workers range over {@code in} and send to one {@code out}; the last to end closes it.
         */
        private Channel<String> words(StageScope scope, Channel<Path> in) {
            Channel<String> out = scope.channel("words -> length", wordsBuffer);
            Merge merge = new Merge(out, wordsWorkers); // merge: the last worker to end closes out
            for (int worker = 0; worker < wordsWorkers; worker++) {
                scope.fork("words", worker, () -> {
                    WorkerOut<String> results = new WorkerOut<>(out);
                    try {
                        new WorkerIn<>(in, wordsWorkers, results).each(file -> WordCount.words(file, results)); // for file := range in { words(file, out) }
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

        /**
         * length, ordered: {@code lengthWorkers} workers take numbered inputs from {@code in} and send their results in input order; the last to end closes {@code out}.
         */
        private Channel<Integer> length(StageScope scope, Channel<String> in) {
            Done done = scope.done();
            Channel<Integer> out = scope.channel("length -> total", lengthBuffer);
            OrderedMerge<String, Integer> order = new OrderedMerge<>(in, out, scope.done(), lengthWorkers);
            for (int worker = 0; worker < lengthWorkers; worker++) {
                scope.fork("length", worker, () -> {
                    var lane = order.lane();
                    try {
                        for (String word; (word = lane.receive()) != null; ) {
                            lane.send(owner.length(word, done));
                            lane.release(); // wait for this input's turn, then send in input order
                        }
                    } catch (Throwable failure) {
                        throw scope.failed(failure); // before out closes: a failed stage never looks finished
                    } finally {
                        order.workerDone(); // the last worker to end closes out
                    }
                });
            }
            return out;
        }

        /**
         * total, the sink: consumes {@code in}; its value is what {@code run} returns.
         */
        private SinkValue<Long> total(StageScope scope, Channel<Integer> in) {
            In<Integer> input = scope.input(in); // in, taken in runs
            SinkValue<Long> value = new SinkValue<>();
            scope.fork("total", 0, () -> {
                value.set(WordCount.total(input));
                scope.done().close(); // the sink has its value: release every stage still sending
            });
            return value;
        }
    }
}
