package golden;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.internal.Failures;
import io.github.stagehand.runtime.internal.Merge;
import io.github.stagehand.runtime.internal.SinkValue;
import io.github.stagehand.runtime.internal.StageScope;
import io.github.stagehand.runtime.internal.WorkerIn;
import io.github.stagehand.runtime.internal.WorkerOut;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * The pipeline of {@link Tally}'s stages: lines → length → nonEmpty → digits → count.
 *
 * <p>Each stage worker runs on its own virtual thread, named {@code TallyPipeline.<stage>#<worker>}; neighbours are joined by channels; one {@code done} reaches every send and receive and is closed on every way out.
 */
@Generated("io.github.stagehand.processor.StageProcessor")
public final class TallyPipeline {
    private TallyPipeline() {
    }

    /**
     * Run-time options: per-stage workers and buffers, a parent {@code done}, a deadline.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the pipeline to the end and returns what {@code count} returned.
     *
     * <p>Blocks until every stage thread has ended. The first stage failure is rethrown as itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run gives a {@link java.util.concurrent.CancellationException} whose cause says which.
     *
     * <p>The same as {@code builder().run(...)}.
     */
    public static Map<Integer, Long> run(List<String> text) {
        return builder().run(text);
    }

    /**
     * Run-time options of {@link TallyPipeline}: its stages' own, each starting at its {@code @Stage} value, and from {@link PipelineBuilder} the run-wide ones (a parent {@code done}, a deadline or timeout, the grace period, statistics).
     */
    public static final class Builder extends PipelineBuilder<Builder> {
        private int linesBuffer = 256;

        private int lengthWorkers = 1;

        private int lengthBuffer = 256;

        private int nonEmptyWorkers = 1;

        private int nonEmptyBuffer = 256;

        private int digitsWorkers = 1;

        private int digitsBuffer = 256;

        private Builder() {
        }

        /**
         * Capacity of lines's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder linesBuffer(int linesBuffer) {
            if (linesBuffer < 0) {
                throw new IllegalArgumentException("linesBuffer must not be negative: " + linesBuffer);
            }
            this.linesBuffer = linesBuffer;
            return this;
        }

        /**
         * How many workers run length (default 1); they share its input and are merged into one output.
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
         * How many workers run nonEmpty (default 1); they share its input and are merged into one output.
         */
        public Builder nonEmptyWorkers(int nonEmptyWorkers) {
            if (nonEmptyWorkers < 1) {
                throw new IllegalArgumentException("nonEmptyWorkers must be at least 1: " + nonEmptyWorkers);
            }
            this.nonEmptyWorkers = nonEmptyWorkers;
            return this;
        }

        /**
         * Capacity of nonEmpty's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder nonEmptyBuffer(int nonEmptyBuffer) {
            if (nonEmptyBuffer < 0) {
                throw new IllegalArgumentException("nonEmptyBuffer must not be negative: " + nonEmptyBuffer);
            }
            this.nonEmptyBuffer = nonEmptyBuffer;
            return this;
        }

        /**
         * How many workers run digits (default 1); they share its input and are merged into one output.
         */
        public Builder digitsWorkers(int digitsWorkers) {
            if (digitsWorkers < 1) {
                throw new IllegalArgumentException("digitsWorkers must be at least 1: " + digitsWorkers);
            }
            this.digitsWorkers = digitsWorkers;
            return this;
        }

        /**
         * Capacity of digits's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder digitsBuffer(int digitsBuffer) {
            if (digitsBuffer < 0) {
                throw new IllegalArgumentException("digitsBuffer must not be negative: " + digitsBuffer);
            }
            this.digitsBuffer = digitsBuffer;
            return this;
        }

        /**
         * Runs the pipeline to the end and returns what {@code count} returned.
         *
         * <p>Blocks until every stage thread has ended. The first stage failure is rethrown as itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run gives a {@link java.util.concurrent.CancellationException} whose cause says which.
         */
        public Map<Integer, Long> run(List<String> text) {
            StageScope scope = StageScope.open("TallyPipeline", this); // done := make(chan struct{}), closed by this builder's parent and deadline too
            Channel<String> lines = lines(scope, text);
            Channel<Integer> length = length(scope, lines);
            Channel<Integer> nonEmpty = nonEmpty(scope, length);
            Channel<Integer> digits = digits(scope, nonEmpty);
            SinkValue<Map<Integer, Long>> count = count(scope, digits);
            Throwable failure = scope.join();
            // every stage thread has ended and done is closed: defer close(done)
            Failures.throwUnchecked(failure);
            return count.get();
        }

        /**
         * lines, the head: one worker emits on {@code out}, which it closes when it ends.
         */
        private Channel<String> lines(StageScope scope, List<String> text) {
            Channel<String> out = scope.channel("lines -> length", linesBuffer);
            scope.fork("lines", 0, () -> {
                try {
                    Tally.lines(scope.headOut(out), text);
                } catch (Throwable failure) {
                    throw scope.failed(failure); // before out closes: a failed stage never looks finished
                } finally {
                    out.close(); // defer close(out)
                }
            });
            return out;
        }

        /**
         * length: {@code lengthWorkers} workers range over {@code in} and send to one {@code out}; the last to end closes it.
         */
        private Channel<Integer> length(StageScope scope, Channel<String> in) {
            Channel<Integer> out = scope.channel("length -> nonEmpty", lengthBuffer);
            if (lengthWorkers == 1) {
                // fusion: length runs on nonEmpty's thread, which calls it whenever its input is empty
                scope.fusable("length", in, out, (line, results) -> results.send(Tally.length(line)));
                return out;
            }
            Merge merge = new Merge(out, lengthWorkers); // merge: the last worker to end closes out
            for (int worker = 0; worker < lengthWorkers; worker++) {
                scope.fork("length", worker, () -> {
                    WorkerOut<Integer> results = new WorkerOut<>(out);
                    try {
                        new WorkerIn<>(in, lengthWorkers, results).map("length", line -> Tally.length(line), results); // for line := range in { out <- length(line) }
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
         * nonEmpty: {@code nonEmptyWorkers} workers range over {@code in} and send to one {@code out}; the last to end closes it.
         */
        private Channel<Integer> nonEmpty(StageScope scope, Channel<Integer> in) {
            Channel<Integer> out = scope.channel("nonEmpty -> digits", nonEmptyBuffer);
            Merge merge = new Merge(out, nonEmptyWorkers); // merge: the last worker to end closes out
            for (int worker = 0; worker < nonEmptyWorkers; worker++) {
                In<Integer> input = scope.input(in, nonEmptyWorkers); // in, taken in runs; or length itself, run on this thread
                scope.fork("nonEmpty", worker, () -> {
                    try {
                        Tally.nonEmpty(input, out);
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
         * digits: {@code digitsWorkers} workers range over {@code in} and send to one {@code out}; the last to end closes it.
         */
        private Channel<Integer> digits(StageScope scope, Channel<Integer> in) {
            Channel<Integer> out = scope.channel("digits -> count", digitsBuffer);
            Merge merge = new Merge(out, digitsWorkers); // merge: the last worker to end closes out
            for (int worker = 0; worker < digitsWorkers; worker++) {
                scope.fork("digits", worker, () -> {
                    WorkerOut<Integer> results = new WorkerOut<>(out);
                    try {
                        new WorkerIn<>(in, digitsWorkers, results).each(n -> Tally.digits(n, results)); // for n := range in { digits(n, out) }
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
         * count, the sink: consumes {@code in}; its value is what {@code run} returns.
         */
        private SinkValue<Map<Integer, Long>> count(StageScope scope, Channel<Integer> in) {
            In<Integer> input = scope.input(in); // in, taken in runs
            SinkValue<Map<Integer, Long>> value = new SinkValue<>();
            scope.fork("count", 0, () -> {
                value.set(Tally.count(input));
                scope.done().close(); // the sink has its value: release every stage still sending
            });
            return value;
        }
    }
}
