package golden;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.internal.BatchIn;
import io.github.stagehand.runtime.internal.Failures;
import io.github.stagehand.runtime.internal.Merge;
import io.github.stagehand.runtime.internal.RateLimiter;
import io.github.stagehand.runtime.internal.StageScope;
import io.github.stagehand.runtime.internal.WorkerOut;
import java.time.Duration;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The pipeline of {@link Ship}'s stages: events → send → store.
 *
 * <p>Each stage worker runs on its own virtual thread, named {@code ShipPipeline.<stage>#<worker>}; neighbours are joined by channels; one {@code done} reaches every send and receive and is closed on every way out.
 */
@Generated("io.github.stagehand.processor.StageProcessor")
public final class ShipPipeline {
    private ShipPipeline() {
    }

    /**
     * Run-time options: per-stage workers and buffers, a parent {@code done}, a deadline.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the pipeline to the end: {@code store} consumes every element.
     *
     * <p>Blocks until every stage thread has ended. The first stage failure is rethrown as itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run gives a {@link java.util.concurrent.CancellationException} whose cause says which.
     *
     * <p>The same as {@code builder().run(...)}.
     */
    public static void run(List<String> lines) {
        builder().run(lines);
    }

    /**
     * Run-time options of {@link ShipPipeline}: its stages' own, each starting at its {@code @Stage} value, and from {@link PipelineBuilder} the run-wide ones (a parent {@code done}, a deadline or timeout, the grace period, statistics).
     */
    public static final class Builder extends PipelineBuilder<Builder> {
        private int eventsBuffer = 256;

        private int sendWorkers = 2;

        private int sendBuffer = 256;

        private int sendBatch = 500;

        private Duration sendLinger = Duration.ofSeconds(1);

        private int storeWorkers = 1;

        private int storeBatch = 10;

        private Duration storeLinger = Duration.ZERO;

        private long storeRateElements = 5;

        private Duration storeRatePer = Duration.ofSeconds(1);

        private Builder() {
        }

        /**
         * Capacity of events's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder eventsBuffer(int eventsBuffer) {
            if (eventsBuffer < 0) {
                throw new IllegalArgumentException("eventsBuffer must not be negative: " + eventsBuffer);
            }
            this.eventsBuffer = eventsBuffer;
            return this;
        }

        /**
         * How many workers run send (default 2); they share its input and are merged into one output.
         */
        public Builder sendWorkers(int sendWorkers) {
            if (sendWorkers < 1) {
                throw new IllegalArgumentException("sendWorkers must be at least 1: " + sendWorkers);
            }
            this.sendWorkers = sendWorkers;
            return this;
        }

        /**
         * Capacity of send's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder sendBuffer(int sendBuffer) {
            if (sendBuffer < 0) {
                throw new IllegalArgumentException("sendBuffer must not be negative: " + sendBuffer);
            }
            this.sendBuffer = sendBuffer;
            return this;
        }

        /**
         * The most elements in one batch of send (default 500).
         */
        public Builder sendBatch(int sendBatch) {
            if (sendBatch < 1) {
                throw new IllegalArgumentException("sendBatch must be at least 1: " + sendBatch);
            }
            this.sendBatch = sendBatch;
            return this;
        }

        /**
         * How long a batch of send waits for more elements once its worker took its first (default 1s); {@link Duration#ZERO} for no linger: a batch is handed over full, or at the end of the input.
         */
        public Builder sendLinger(Duration sendLinger) {
            if (sendLinger.isNegative()) {
                throw new IllegalArgumentException("sendLinger must not be negative: " + sendLinger);
            }
            this.sendLinger = sendLinger;
            return this;
        }

        /**
         * How many workers run store (default 1); they share its input and are merged into one output.
         */
        public Builder storeWorkers(int storeWorkers) {
            if (storeWorkers < 1) {
                throw new IllegalArgumentException("storeWorkers must be at least 1: " + storeWorkers);
            }
            this.storeWorkers = storeWorkers;
            return this;
        }

        /**
         * The most elements in one batch of store (default 10).
         */
        public Builder storeBatch(int storeBatch) {
            if (storeBatch < 1) {
                throw new IllegalArgumentException("storeBatch must be at least 1: " + storeBatch);
            }
            this.storeBatch = storeBatch;
            return this;
        }

        /**
         * How long a batch of store waits for more elements once its worker took its first (default none); {@link Duration#ZERO} for no linger: a batch is handed over full, or at the end of the input.
         */
        public Builder storeLinger(Duration storeLinger) {
            if (storeLinger.isNegative()) {
                throw new IllegalArgumentException("storeLinger must not be negative: " + storeLinger);
            }
            this.storeLinger = storeLinger;
            return this;
        }

        /**
         * At most {@code elements} calls of store per {@code per}, its workers together (default 5/s).
         */
        public Builder storeRate(long elements, Duration per) {
            if (elements < 1) {
                throw new IllegalArgumentException("storeRate needs at least 1 element: " + elements);
            }
            if (per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("storeRate's period must be positive: " + per);
            }
            this.storeRateElements = elements;
            this.storeRatePer = per;
            return this;
        }

        /**
         * Runs the pipeline to the end: {@code store} consumes every element.
         *
         * <p>Blocks until every stage thread has ended. The first stage failure is rethrown as itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run gives a {@link java.util.concurrent.CancellationException} whose cause says which.
         */
        public void run(List<String> lines) {
            StageScope scope = StageScope.open("ShipPipeline", this); // done := make(chan struct{}), closed by this builder's parent and deadline too
            Channel<String> events = events(scope, lines);
            Channel<Integer> send = send(scope, events);
            store(scope, send);
            Throwable failure = scope.join();
            // every stage thread has ended and done is closed: defer close(done)
            Failures.throwUnchecked(failure);
        }

        /**
         * events, the head: one worker emits on {@code out}, which it closes when it ends.
         */
        private Channel<String> events(StageScope scope, List<String> lines) {
            Channel<String> out = scope.channel("events -> send", eventsBuffer);
            scope.fork("events", 0, () -> {
                try {
                    Ship.events(scope.headOut(out), lines);
                } catch (Throwable failure) {
                    throw scope.failed(failure); // before out closes: a failed stage never looks finished
                } finally {
                    out.close(); // defer close(out)
                }
            });
            return out;
        }

        /**
         * send: {@code sendWorkers} workers range over {@code in} in batches of up to {@code sendBatch} (each handed over when full, once {@code sendLinger} has passed since its first element, or at the end) and send to one {@code out}; the last to end closes it.
         */
        private Channel<Integer> send(StageScope scope, Channel<String> in) {
            Channel<Integer> out = scope.channel("send -> store", sendBuffer);
            Merge merge = new Merge(out, sendWorkers); // merge: the last worker to end closes out
            for (int worker = 0; worker < sendWorkers; worker++) {
                scope.fork("send", worker, () -> {
                    WorkerOut<Integer> results = new WorkerOut<>(out);
                    try {
                        new BatchIn<>(in, sendWorkers, sendBatch, sendLinger).map("send", batch -> Ship.send(batch), results); // for batch := range batches(in) { out <- send(batch) }
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
         * store, the sink: {@code storeWorkers} workers range over {@code in} in batches of up to {@code storeBatch} (each handed over when full, once {@code storeLinger} has passed since its first element, or at the end); the last to end ends the sink.
         */
        private void store(StageScope scope, Channel<Integer> in) {
            RateLimiter limiter = new RateLimiter(scope.done(), storeRateElements, storeRatePer); // limiter := rate.NewLimiter(...): at most storeRateElements calls per storeRatePer, all workers together
            Merge merge = new Merge(storeWorkers); // wg: the last worker to end ends the sink
            for (int worker = 0; worker < storeWorkers; worker++) {
                scope.fork("store", worker, () -> {
                    try {
                        new BatchIn<>(in, storeWorkers, storeBatch, storeLinger).each(receipts -> Ship.store(receipts), limiter); // for receipts := range batches(in) { limiter.Wait(ctx); store(receipts) }
                    } catch (Throwable failure) {
                        throw scope.failed(failure); // done closes with the failure before the sink could end
                    } finally {
                        if (merge.workerDone()) { // defer wg.Done(); the last worker to end ends the sink
                            scope.done().close(); // the sink has ended: release every stage still sending
                        }
                    }
                });
            }
        }
    }
}
