package golden;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.internal.Failures;
import io.github.stagehand.runtime.internal.Merge;
import io.github.stagehand.runtime.internal.OutputChannel;
import io.github.stagehand.runtime.internal.RateLimiter;
import io.github.stagehand.runtime.internal.StageScope;
import io.github.stagehand.runtime.internal.Ticker;
import io.github.stagehand.runtime.internal.WorkerIn;
import io.github.stagehand.runtime.internal.WorkerOut;
import java.time.Duration;
import javax.annotation.processing.Generated;

/**
 * The pipeline of {@link Poll}'s stages: status → fetch.
 *
 * <p>Each stage worker runs on its own virtual thread, named {@code PollPipeline.<stage>#<worker>}; neighbours are joined by channels; one {@code done} reaches every send and receive and is closed on every way out.
 */
@Generated("io.github.stagehand.processor.StageProcessor")
public final class PollPipeline {
    private PollPipeline() {
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
    public static Output start(String endpoint) {
        return builder().start(endpoint);
    }

    /**
     * Run-time options of {@link PollPipeline}: its stages' own, each starting at its {@code @Stage} value, and from {@link PipelineBuilder} the run-wide ones (a parent {@code done}, a deadline or timeout, the grace period, statistics).
     */
    public static final class Builder extends PipelineBuilder<Builder> {
        private int statusBuffer = 256;

        private Duration statusEvery = Duration.ofSeconds(5);

        private int fetchWorkers = 4;

        private int fetchBuffer = 256;

        private long fetchRateElements = 100;

        private Duration fetchRatePer = Duration.ofSeconds(1);

        private Builder() {
        }

        /**
         * Capacity of status's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder statusBuffer(int statusBuffer) {
            if (statusBuffer < 0) {
                throw new IllegalArgumentException("statusBuffer must not be negative: " + statusBuffer);
            }
            this.statusBuffer = statusBuffer;
            return this;
        }

        /**
         * How often status is called, the first time when the run starts (default 5s).
         */
        public Builder statusEvery(Duration statusEvery) {
            if (statusEvery.isNegative() || statusEvery.isZero()) {
                throw new IllegalArgumentException("statusEvery must be positive: " + statusEvery);
            }
            this.statusEvery = statusEvery;
            return this;
        }

        /**
         * How many workers run fetch (default 4); they share its input and are merged into one output.
         */
        public Builder fetchWorkers(int fetchWorkers) {
            if (fetchWorkers < 1) {
                throw new IllegalArgumentException("fetchWorkers must be at least 1: " + fetchWorkers);
            }
            this.fetchWorkers = fetchWorkers;
            return this;
        }

        /**
         * Capacity of fetch's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder fetchBuffer(int fetchBuffer) {
            if (fetchBuffer < 0) {
                throw new IllegalArgumentException("fetchBuffer must not be negative: " + fetchBuffer);
            }
            this.fetchBuffer = fetchBuffer;
            return this;
        }

        /**
         * At most {@code elements} calls of fetch per {@code per}, its workers together (default 100/s).
         */
        public Builder fetchRate(long elements, Duration per) {
            if (elements < 1) {
                throw new IllegalArgumentException("fetchRate needs at least 1 element: " + elements);
            }
            if (per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("fetchRate's period must be positive: " + per);
            }
            this.fetchRateElements = elements;
            this.fetchRatePer = per;
            return this;
        }

        /**
         * Starts the pipeline and returns its last channel; close it, best with try-with-resources, to close {@code done} and wait for every stage thread.
         */
        public Output start(String endpoint) {
            StageScope scope = StageScope.open("PollPipeline", this); // done := make(chan struct{}), closed by this builder's parent and deadline too
            Channel<String> status = status(scope, endpoint);
            Channel<Integer> fetch = fetch(scope, status);
            return new Output(scope, fetch);
        }

        /**
         * status, the head, a poller: one worker calls it at once and then every {@code statusEvery}, and emits on {@code out}, which it closes when it ends.
         */
        private Channel<String> status(StageScope scope, String endpoint) {
            Done done = scope.headDone();
            Channel<String> out = scope.channel("status -> fetch", statusBuffer);
            Ticker ticker = new Ticker(scope.headDone(), statusEvery); // ticker := time.NewTicker(statusEvery)
            scope.fork("status", 0, () -> {
                try {
                    ticker.map(() -> Poll.status(done, endpoint), scope.headOut(out)); // for ; ; <-ticker.C { out <- status(endpoint) }, until it returns null or done closes
                } catch (Throwable failure) {
                    throw scope.failed(failure); // before out closes: a failed stage never looks finished
                } finally {
                    out.close(); // defer close(out)
                }
            });
            return out;
        }

        /**
         * fetch: {@code fetchWorkers} workers range over {@code in} and send to one {@code out}; the last to end closes it.
         */
        private Channel<Integer> fetch(StageScope scope, Channel<String> in) {
            RateLimiter limiter = new RateLimiter(scope.done(), fetchRateElements, fetchRatePer); // limiter := rate.NewLimiter(...): at most fetchRateElements calls per fetchRatePer, all workers together
            Channel<Integer> out = scope.channel("fetch -> output", fetchBuffer);
            Merge merge = new Merge(out, fetchWorkers); // merge: the last worker to end closes out
            for (int worker = 0; worker < fetchWorkers; worker++) {
                scope.fork("fetch", worker, () -> {
                    WorkerOut<Integer> results = new WorkerOut<>(out);
                    try {
                        new WorkerIn<>(in, fetchWorkers, results).each(status -> Poll.fetch(status, results), results, limiter); // for status := range in { limiter.Wait(ctx); fetch(status, out) }
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
     * The last channel of a running {@link PollPipeline}: receive or iterate it, then close it. A failed or cancelled run ends the stream by throwing, never as if it were complete.
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
