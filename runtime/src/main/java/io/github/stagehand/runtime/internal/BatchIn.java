package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineClock;
import io.github.stagehand.runtime.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One batch stage worker's end of its input channel ({@code @Stage(batch = ..., linger = ...)}),
 * which hands the stage its input in batches. The generated loop of a batch stage ranges over it:
 *
 * <pre>{@code
 * WorkerOut<Receipt> results = new WorkerOut<>(out);
 * new BatchIn<>(in, shipWorkers, shipBatch, shipLinger).map("ship", batch -> Kafka.ship(batch), results);
 * results.flush();
 * }</pre>
 *
 * <p>A batch holds 1 to {@code size} elements in the order this worker received them, in a new
 * {@link ArrayList} that the stage may keep. It is handed over when it is full, when {@code linger}
 * has passed since this worker took its first element, or when the input has ended; never empty.
 * Without a linger, only when full or at the end.
 *
 * <p>Taking costs what a worker's runs cost ({@link WorkerIn}): whatever is buffered is moved into
 * the batch under one lock acquisition, up to the room left in it, without reading the clock. The
 * clock (the run's, {@code done.clock()}) is read once as a batch begins, and again only when
 * nothing is buffered and the worker has to wait: then it waits with a timeout, the linger left, in
 * a receive ({@link Channel#receive(Duration)}), after yielding once to let the producer send more.
 * No helper thread, no timer: one deadline per pending batch, kept in a local. Without a linger it
 * waits as {@code receive()} does.
 *
 * <p>Backpressure: the worker takes from the channel only what fits in the batch it builds, so it
 * holds at most {@code size} elements beyond the channels' buffers. Once {@code done} is closed,
 * the next take throws the cancellation signal, and the batch being built is dropped (counted in
 * the statistics); a batch complete when {@code done} closed is dropped too, not handed over: no
 * worker starts new work after cancellation.
 *
 * <p>It belongs to one worker thread and is not safe to share. With several workers, each has its
 * own and builds its own batches; a take moves at most the worker's share of what is buffered.
 *
 * <p>Invariants: {@code run} is all nulls between calls; {@code ended} becomes true once the input
 * has ended, and {@link #next} then answers null.
 *
 * @param <T> the element type of the batches: what the stage's {@code List<T>} names, the
 *     producer's element type or a supertype of it
 */
public final class BatchIn<T> {
    /** The largest list allocated up front; a larger batch grows as elements arrive. */
    private static final int INITIAL_CAPACITY = 1024;

    private final Channel<? extends T> channel;
    private final Done done;
    private final PipelineClock clock;
    private final int receivers;
    private final int size;
    private final long lingerNanos; // 0: no linger
    private final Object[] run;
    private final WorkerStats stats; // null unless the run keeps statistics
    private boolean ended;

    /**
     * The input end, over {@code channel}, of one of {@code receivers} workers of a batch stage
     * whose batches hold up to {@code size} elements and linger up to {@code linger} ({@link
     * Duration#ZERO}: no linger); made on the worker's own thread.
     *
     * @throws IllegalArgumentException if {@code size < 1} or {@code linger} is negative
     */
    public BatchIn(Channel<? extends T> channel, int receivers, int size, Duration linger) {
        if (size < 1) {
            throw new IllegalArgumentException("batch must be at least 1: " + size);
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative: " + linger);
        }
        this.channel = Objects.requireNonNull(channel, "channel");
        this.done = Access.API.done(channel);
        this.clock = done.clock();
        this.receivers = Math.max(1, receivers);
        this.size = size;
        this.lingerNanos = saturatedNanos(linger);
        this.run =
                new Object[Math.min(size, Math.max(1, Math.min(WorkerIn.RUN, channel.capacity())))];
        this.stats = WorkerStats.current();
    }

    /**
     * The next batch, or null once the input has ended and every element was handed over.
     *
     * @throws io.github.stagehand.runtime.CancelledException once {@code done} is closed (the batch
     *     being built is dropped), or when the thread is interrupted while waiting
     */
    public List<T> next() {
        if (ended) {
            return null;
        }
        List<T> batch = new ArrayList<>(Math.min(size, INITIAL_CAPACITY));
        try {
            if (take(batch) == 0) {
                T first = channel.receive(); // nothing buffered: wait, as range does
                if (first == null) {
                    ended = true;
                    return null;
                }
                batch.add(first);
            }
            long started = lingerNanos > 0 ? clock.nanoTime() : 0; // once per batch
            while (batch.size() < size) {
                if (take(batch) > 0) {
                    continue;
                }
                if (lingerNanos == 0) {
                    T value = channel.receive();
                    if (value == null) {
                        return handOver(batch, true);
                    }
                    batch.add(value);
                    continue;
                }
                // nothing buffered: let the producer run first, and take what it sent without a
                // deadline. On one carrier that is the only way it can run; on several it stands
                // in for the spin that a timed receive does not make (its park and unpark cost a
                // batch with a linger a third of its throughput: BatchLingerBenchmark)
                Thread.yield();
                if (take(batch) > 0) {
                    continue;
                }
                long left = lingerNanos - (clock.nanoTime() - started); // no overflow
                if (left <= 0) {
                    return lingered(batch);
                }
                Received<? extends T> received = channel.receive(Duration.ofNanos(left));
                if (received instanceof Received.Element<? extends T> element) {
                    batch.add(element.value());
                } else if (received instanceof Received.Timeout<? extends T>) {
                    return lingered(batch);
                } else {
                    return handOver(batch, true);
                }
            }
            return handOver(batch, false);
        } catch (RuntimeException | Error e) {
            // done closed, the thread was interrupted, or the channel failed: the batch is dropped
            if (stats != null && !batch.isEmpty()) {
                stats.batchDropped(batch.size());
            }
            throw e;
        }
    }

    /**
     * A batch stage worker's loop over batches, Go's {@code for batch := range batches(in) { out <-
     * f(batch) }}: applies {@code body} to every batch until the input ends, and sends each result
     * to {@code results}, handed on at once. A null result fails the stage, naming it.
     */
    public <R> void map(
            String stage, WorkerIn.MapBody<? super List<T>, ? extends R> body, WorkerOut<R> results)
            throws Throwable {
        map(stage, body, results, null);
    }

    /**
     * As {@link #map(String, WorkerIn.MapBody, WorkerOut)}, each call at its turn at {@code rate}.
     */
    public <R> void map(
            String stage,
            WorkerIn.MapBody<? super List<T>, ? extends R> body,
            WorkerOut<R> results,
            RateLimiter rate)
            throws Throwable {
        for (List<T> batch; (batch = next()) != null; ) {
            if (rate != null) {
                rate.acquire(results);
            }
            results.send(StageScope.returned(stage, body.apply(batch)));
            results.flush(); // one result per batch: it goes on at once
        }
    }

    /**
     * A batch sink's loop, Go's {@code for batch := range batches(in) { f(batch) }}: hands every
     * batch to {@code body} until the input ends.
     */
    public void each(WorkerIn.FlatBody<? super List<T>> body) throws Throwable {
        each(body, null, null);
    }

    /** As {@link #each(WorkerIn.FlatBody)}, each call at its turn at {@code rate}. */
    public void each(WorkerIn.FlatBody<? super List<T>> body, RateLimiter rate) throws Throwable {
        each(body, null, rate);
    }

    /**
     * A flat batch stage's loop, Go's {@code for batch := range batches(in) { f(batch, out) }}:
     * hands every batch to {@code body}, which sends to {@code results}; what it sent for a batch
     * is handed on before the next batch is taken.
     */
    public void each(WorkerIn.FlatBody<? super List<T>> body, WorkerOut<?> results)
            throws Throwable {
        each(body, results, null);
    }

    /**
     * As {@link #each(WorkerIn.FlatBody, WorkerOut)}, each call at its turn at {@code rate}; either
     * may be null.
     */
    public void each(
            WorkerIn.FlatBody<? super List<T>> body, WorkerOut<?> results, RateLimiter rate)
            throws Throwable {
        for (List<T> batch; (batch = next()) != null; ) {
            if (rate != null) {
                rate.acquire(results);
            }
            body.accept(batch);
            if (results != null) {
                results.flush();
            }
        }
    }

    /**
     * Moves what is buffered, up to the room left in {@code batch}, into it; answers how many.
     * Never waits.
     */
    private int take(List<T> batch) {
        int n =
                Access.API.pollRun(
                        channel, run, 0, Math.min(run.length, size - batch.size()), receivers);
        for (int i = 0; i < n; i++) {
            @SuppressWarnings("unchecked")
            T element = (T) run[i];
            run[i] = null;
            batch.add(element);
        }
        return n;
    }

    private List<T> lingered(List<T> batch) {
        checkOpen();
        if (stats != null) {
            stats.batchLingered();
        }
        return batch;
    }

    /** Hands over {@code batch}: full, or at the end of the input if {@code atEnd}. */
    private List<T> handOver(List<T> batch, boolean atEnd) {
        checkOpen();
        if (atEnd) {
            ended = true;
        }
        if (stats != null) {
            if (atEnd) {
                stats.batchAtEnd();
            } else {
                stats.batchFull();
            }
        }
        return batch;
    }

    /** No batch is handed over after cancellation: the caller drops it. */
    private void checkOpen() {
        if (done.isClosed()) {
            throw Access.CANCELLED;
        }
    }

    /** {@code duration} in nanoseconds, or {@link Long#MAX_VALUE} if it is too long to count so. */
    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
