package io.github.stagehand.runtime;

import io.github.stagehand.runtime.internal.WorkerStats;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

/**
 * One stage's figures in a run with {@link PipelineStats}, its workers summed. Each can be read
 * while the pipeline runs, and only grows; they are complete once the run ends ({@code run} or
 * {@code close} returned).
 *
 * <p>A worker's time is in one of three parts: waiting in a receive for input ({@link
 * #receiveWaitNanos}), waiting in a send for room downstream ({@link #sendWaitNanos}), or neither
 * ({@link #busyNanos}): the user's code, the part of each send and receive that did not wait, and,
 * in an {@code ordered} stage, a worker's wait for the results of earlier inputs to go first (the
 * stage then waits for its own work, not for a neighbour).
 */
public final class StageStats {
    private final PipelineStats pipeline;
    private final String name;
    private final List<WorkerStats> workers = new CopyOnWriteArrayList<>();

    StageStats(PipelineStats pipeline, String name) {
        this.pipeline = pipeline;
        this.name = name;
    }

    String pipeline() {
        return pipeline.pipeline();
    }

    WorkerStats worker(int worker) {
        WorkerStats stats = new WorkerStats(this, pipeline, worker);
        workers.add(stats);
        return stats;
    }

    List<WorkerStats> workerStats() {
        return workers;
    }

    /** The stage's name, as its {@code @Stage} method is named. */
    public String name() {
        return name;
    }

    /** How many workers the run started for this stage. */
    public int workers() {
        return workers.size();
    }

    /** Elements its workers received from their input channels. */
    public long received() {
        long n = 0;
        for (WorkerStats w : workers) {
            n += w.receivedCount();
        }
        return n;
    }

    /**
     * Elements its workers sent: each send once, however many branches of a tee it went to; a sink
     * sends nothing.
     */
    public long sent() {
        long n = 0;
        for (WorkerStats w : workers) {
            n += w.sentCount();
        }
        return n;
    }

    /**
     * Batches its workers handed over full, of a stage with {@code @Stage(batch = ...)}; 0 for any
     * other stage.
     */
    public long batchesFull() {
        return sum(WorkerStats::batchesFull);
    }

    /** Batches its workers handed over because their {@code linger} had passed. */
    public long batchesLingered() {
        return sum(WorkerStats::batchesLingered);
    }

    /** Batches its workers handed over, partial, because the input ended. */
    public long batchesAtEnd() {
        return sum(WorkerStats::batchesAtEnd);
    }

    /**
     * Elements its workers had taken into a batch not yet handed over when the run failed or was
     * cancelled, and dropped.
     */
    public long batchDropped() {
        return sum(WorkerStats::batchDropped);
    }

    /**
     * Nanoseconds, on the run's clock, its workers spent waiting for their turn at the stage's
     * {@code rate}, summed. Part of {@link #busyNanos}: a stage held back by its rate is the
     * bottleneck it was asked to be.
     */
    public long rateWaitNanos() {
        return sum(WorkerStats::rateWaitNanos);
    }

    /** Ticks a poller ({@code @Stage(every = ...)}) skipped because a call overran its period. */
    public long ticksSkipped() {
        return sum(WorkerStats::ticksSkipped);
    }

    /**
     * Whether any figure of the time attributes is above zero: a row of the table's second part.
     */
    boolean hasTimeFigures() {
        return batchesFull() + batchesLingered() + batchesAtEnd() > 0
                || batchDropped() > 0
                || rateWaitNanos() > 0
                || ticksSkipped() > 0;
    }

    private long sum(ToLongFunction<WorkerStats> figure) {
        long n = 0;
        for (WorkerStats w : workers) {
            n += figure.applyAsLong(w);
        }
        return n;
    }

    /** Nanoseconds its workers spent neither waiting for input nor for room downstream, summed. */
    public long busyNanos() {
        return times()[0];
    }

    /** Nanoseconds its workers spent waiting in a receive for input (starved), summed. */
    public long receiveWaitNanos() {
        return times()[1];
    }

    /** Nanoseconds its workers spent waiting in a send for room downstream (backpressured). */
    public long sendWaitNanos() {
        return times()[2];
    }

    /** Busy, receive-wait and send-wait nanoseconds, each worker read as of one moment. */
    long[] times() {
        long[] t = new long[3];
        for (WorkerStats w : workers) {
            WorkerStats.Reading r = w.read();
            t[0] += r.busy();
            t[1] += r.receiveWait();
            t[2] += r.sendWait();
        }
        return t;
    }

    /**
     * The share of its workers' time that was busy, from 0 to 1: 1 when none of them ever waited.
     * The stage with the largest is the {@linkplain PipelineStats#bottleneck bottleneck}.
     */
    public double busyShare() {
        long[] t = times();
        long all = t[0] + t[1] + t[2];
        return all == 0 ? 0 : (double) t[0] / all;
    }

    @Override
    public String toString() {
        long[] t = times();
        return "StageStats["
                + name
                + ", workers="
                + workers()
                + ", received="
                + received()
                + ", sent="
                + sent()
                + ", busyNanos="
                + t[0]
                + ", receiveWaitNanos="
                + t[1]
                + ", sendWaitNanos="
                + t[2]
                + (hasTimeFigures()
                        ? ", batchesFull="
                                + batchesFull()
                                + ", batchesLingered="
                                + batchesLingered()
                                + ", batchesAtEnd="
                                + batchesAtEnd()
                                + ", batchDropped="
                                + batchDropped()
                                + ", rateWaitNanos="
                                + rateWaitNanos()
                                + ", ticksSkipped="
                                + ticksSkipped()
                        : "")
                + "]";
    }
}
