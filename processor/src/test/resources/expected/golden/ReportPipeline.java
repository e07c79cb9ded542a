package golden;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.internal.Failures;
import io.github.stagehand.runtime.internal.FanIn;
import io.github.stagehand.runtime.internal.Merge;
import io.github.stagehand.runtime.internal.Outlet;
import io.github.stagehand.runtime.internal.SinkValue;
import io.github.stagehand.runtime.internal.Sinks;
import io.github.stagehand.runtime.internal.StageScope;
import io.github.stagehand.runtime.internal.Tee;
import io.github.stagehand.runtime.internal.WorkerIn;
import io.github.stagehand.runtime.internal.WorkerOut;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * The pipeline graph of {@link Report}'s stages: lines → parse; parse → split, total; split.errors → errorSample, service; split.requests → service; service → byService.
 *
 * <p>Each stage worker runs on its own virtual thread, named {@code ReportPipeline.<stage>#<worker>}; neighbours are joined by channels; one {@code done} reaches every send and receive and is closed on every way out.
 */
@Generated("io.github.stagehand.processor.StageProcessor")
public final class ReportPipeline {
    private ReportPipeline() {
    }

    /**
     * Run-time options: per-stage workers and buffers, a parent {@code done}, a deadline.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the pipeline to the end and returns what each sink returned, in a {@link Result}.
     *
     * <p>Blocks until every stage thread has ended. The first stage failure is rethrown as itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run gives a {@link java.util.concurrent.CancellationException} whose cause says which.
     *
     * <p>The same as {@code builder().run(...)}.
     */
    public static Result run(List<String> lines) {
        return builder().run(lines);
    }

    /**
     * Run-time options of {@link ReportPipeline}: its stages' own, each starting at its {@code @Stage} value, and from {@link PipelineBuilder} the run-wide ones (a parent {@code done}, a deadline or timeout, the grace period, statistics).
     */
    public static final class Builder extends PipelineBuilder<Builder> {
        private int linesBuffer = 256;

        private int parseWorkers = 4;

        private int parseBuffer = 256;

        private int splitWorkers = 1;

        private int splitBuffer = 256;

        private int serviceWorkers = 2;

        private int serviceBuffer = 256;

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
         * How many workers run parse (default 4); they share its input and are merged into one output.
         */
        public Builder parseWorkers(int parseWorkers) {
            if (parseWorkers < 1) {
                throw new IllegalArgumentException("parseWorkers must be at least 1: " + parseWorkers);
            }
            this.parseWorkers = parseWorkers;
            return this;
        }

        /**
         * Capacity of parse's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder parseBuffer(int parseBuffer) {
            if (parseBuffer < 0) {
                throw new IllegalArgumentException("parseBuffer must not be negative: " + parseBuffer);
            }
            this.parseBuffer = parseBuffer;
            return this;
        }

        /**
         * How many workers run split (default 1); they share its input and are merged into one output.
         */
        public Builder splitWorkers(int splitWorkers) {
            if (splitWorkers < 1) {
                throw new IllegalArgumentException("splitWorkers must be at least 1: " + splitWorkers);
            }
            this.splitWorkers = splitWorkers;
            return this;
        }

        /**
         * Capacity of split's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder splitBuffer(int splitBuffer) {
            if (splitBuffer < 0) {
                throw new IllegalArgumentException("splitBuffer must not be negative: " + splitBuffer);
            }
            this.splitBuffer = splitBuffer;
            return this;
        }

        /**
         * How many workers run service (default 2); they share its input and are merged into one output.
         */
        public Builder serviceWorkers(int serviceWorkers) {
            if (serviceWorkers < 1) {
                throw new IllegalArgumentException("serviceWorkers must be at least 1: " + serviceWorkers);
            }
            this.serviceWorkers = serviceWorkers;
            return this;
        }

        /**
         * Capacity of service's outbound channel (default 256; 0 is unbuffered).
         */
        public Builder serviceBuffer(int serviceBuffer) {
            if (serviceBuffer < 0) {
                throw new IllegalArgumentException("serviceBuffer must not be negative: " + serviceBuffer);
            }
            this.serviceBuffer = serviceBuffer;
            return this;
        }

        /**
         * Runs the pipeline to the end and returns what each sink returned, in a {@link Result}.
         *
         * <p>Blocks until every stage thread has ended. The first stage failure is rethrown as itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run gives a {@link java.util.concurrent.CancellationException} whose cause says which.
         */
        public Result run(List<String> lines) {
            StageScope scope = StageScope.open("ReportPipeline", this); // done := make(chan struct{}), closed by this builder's parent and deadline too
            Sinks sinks = new Sinks(scope.done(), 3); // the last sink to end closes done
            Channel<String> lines_ = lines(scope, lines);
            Channel<Report.Entry> splitIn = scope.channel("parse -> split", parseBuffer);
            Channel<Report.Entry> totalIn = scope.channel("parse -> total", parseBuffer);
            parse(scope, lines_, new Tee<>(scope.done(), splitIn, totalIn)); // tee: every consumer gets every value
            Channel<Report.Entry> errorSampleIn = scope.channel("split.errors -> errorSample", splitBuffer);
            Channel<Report.Entry> serviceIn = scope.channel("split.requests, split.errors -> service", splitBuffer);
            FanIn<Report.Entry> serviceMerge = new FanIn<>(serviceIn, 2); // merge: the last upstream to end closes serviceIn
            split(scope, splitIn, new Tee<>(scope.done(), errorSampleIn, serviceMerge.writer()), serviceMerge.writer()); // tee: every consumer gets every value
            SinkValue<List<Report.Entry>> errorSample = errorSample(scope, errorSampleIn, sinks);
            Channel<String> byServiceIn = scope.channel("service -> byService", serviceBuffer);
            service(scope, serviceIn, new Tee<>(scope.done(), byServiceIn));
            SinkValue<Map<String, Long>> byService = byService(scope, byServiceIn, sinks);
            SinkValue<Long> total = total(scope, totalIn, sinks);
            Throwable failure = scope.join();
            // every stage thread has ended and done is closed: defer close(done)
            Failures.throwUnchecked(failure);
            return new Result(errorSample.get(), byService.get(), total.get());
        }

        /**
         * lines, the head: one worker emits on {@code out}, which it closes when it ends.
         */
        private Channel<String> lines(StageScope scope, List<String> lines) {
            Channel<String> out = scope.channel("lines -> parse", linesBuffer);
            scope.fork("lines", 0, () -> {
                try {
                    Report.lines(scope.headOut(out), lines);
                } catch (Throwable failure) {
                    throw scope.failed(failure); // before out closes: a failed stage never looks finished
                } finally {
                    out.close(); // defer close(out)
                }
            });
            return out;
        }

        /**
         * parse: {@code parseWorkers} workers range over {@code in} and send to {@code out}; the last to end closes it.
         */
        private void parse(StageScope scope, Channel<String> in, Outlet<Report.Entry> out) {
            Merge merge = new Merge(parseWorkers, out); // merge: the last worker to end closes out
            for (int worker = 0; worker < parseWorkers; worker++) {
                scope.fork("parse", worker, () -> {
                    WorkerOut<Report.Entry> results = new WorkerOut<>(out, scope.done());
                    try {
                        new WorkerIn<>(in, parseWorkers, results).map("parse", line -> Report.parse(line), results); // for line := range in { out <- parse(line) }
                        results.flush(); // the input ended: hand on what this worker holds before wg.Done()
                    } catch (Throwable failure) {
                        throw scope.failed(failure); // before out closes: a failed stage never looks finished
                    } finally {
                        merge.workerDone(); // defer wg.Done()
                    }
                });
            }
        }

        /**
         * split: {@code splitWorkers} workers range over {@code in} and send to its outputs; the last to end closes them.
         */
        private void split(StageScope scope, Channel<Report.Entry> in, Outlet<Report.Entry> errors,
                Outlet<Report.Entry> requests) {
            Merge merge = new Merge(splitWorkers, in, errors, requests); // merge: the last worker to end closes the outputs, and leaves in
            for (int worker = 0; worker < splitWorkers; worker++) {
                scope.fork("split", worker, () -> {
                    try {
                        for (Report.Entry e : in) {
                            Report.split(e, errors, requests);
                        }
                    } catch (Throwable failure) {
                        throw scope.failed(failure); // before out closes: a failed stage never looks finished
                    } finally {
                        merge.workerDone(); // defer wg.Done()
                    }
                });
            }
        }

        /**
         * errorSample, the sink: consumes {@code in}; its value is what {@code run} returns.
         */
        private SinkValue<List<Report.Entry>> errorSample(StageScope scope,
                Channel<Report.Entry> in, Sinks sinks) {
            In<Report.Entry> input = scope.input(in); // in, taken in runs
            SinkValue<List<Report.Entry>> value = new SinkValue<>();
            scope.fork("errorSample", 0, () -> {
                value.set(Report.errorSample(input));
                in.close(); // the sink has its value: leave in, so that its upstream stops sending to it
                sinks.sinkDone(); // the last sink to end closes done: release every stage still sending
            });
            return value;
        }

        /**
         * service: {@code serviceWorkers} workers range over {@code in} and send to {@code out}; the last to end closes it.
         */
        private void service(StageScope scope, Channel<Report.Entry> in, Outlet<String> out) {
            Merge merge = new Merge(serviceWorkers, in, out); // merge: the last worker to end closes out, and leaves in
            for (int worker = 0; worker < serviceWorkers; worker++) {
                scope.fork("service", worker, () -> {
                    WorkerOut<String> results = new WorkerOut<>(out, scope.done());
                    try {
                        new WorkerIn<>(in, serviceWorkers, results).map("service", e -> Report.service(e), results); // for e := range in { out <- service(e) }
                        results.flush(); // the input ended: hand on what this worker holds before wg.Done()
                    } catch (Throwable failure) {
                        throw scope.failed(failure); // before out closes: a failed stage never looks finished
                    } finally {
                        merge.workerDone(); // defer wg.Done()
                    }
                });
            }
        }

        /**
         * byService, the sink: consumes {@code in}; its value is what {@code run} returns.
         */
        private SinkValue<Map<String, Long>> byService(StageScope scope, Channel<String> in,
                Sinks sinks) {
            In<String> input = scope.input(in); // in, taken in runs
            SinkValue<Map<String, Long>> value = new SinkValue<>();
            scope.fork("byService", 0, () -> {
                value.set(Report.byService(input));
                in.close(); // the sink has its value: leave in, so that its upstream stops sending to it
                sinks.sinkDone(); // the last sink to end closes done: release every stage still sending
            });
            return value;
        }

        /**
         * total, the sink: consumes {@code in}; its value is what {@code run} returns.
         */
        private SinkValue<Long> total(StageScope scope, Channel<Report.Entry> in, Sinks sinks) {
            In<Report.Entry> input = scope.input(in); // in, taken in runs
            SinkValue<Long> value = new SinkValue<>();
            scope.fork("total", 0, () -> {
                value.set(Report.total(input));
                in.close(); // the sink has its value: leave in, so that its upstream stops sending to it
                sinks.sinkDone(); // the last sink to end closes done: release every stage still sending
            });
            return value;
        }
    }

    /**
     * What each sink of {@link ReportPipeline} returned, in declaration order.
     */
    public record Result(List<Report.Entry> errorSample, Map<String, Long> byService, long total) {
    }
}
