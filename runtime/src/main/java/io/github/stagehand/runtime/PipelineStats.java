package io.github.stagehand.runtime;

import io.github.stagehand.runtime.internal.Events;
import io.github.stagehand.runtime.internal.StageScope;
import io.github.stagehand.runtime.internal.WorkerStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.FlightRecorder;

/**
 * Per-stage statistics of one pipeline run, off unless asked for:
 *
 * <pre>{@code
 * PipelineStats stats = new PipelineStats();
 * Map<String, Long> counts = LogsPipeline.builder().stats(stats).run(files);
 * StageStats parse = stats.stage("parse");
 * System.err.print(stats); // one row per stage, the bottleneck marked
 * }</pre>
 *
 * <p>Every figure can be read while the pipeline runs (for a progress display) and only grows; all
 * are complete once {@code run} or {@code close} has returned. A pipeline run without {@code
 * stats(...)} counts nothing and reads no clock.
 *
 * <p>The <b>bottleneck</b> is the stage whose workers spent the largest share of their time busy,
 * neither waiting for input nor for room downstream ({@link StageStats#busyShare}); the first in
 * declaration order on a tie. A stage that limits throughput is busy nearly all the time, while the
 * stages before it wait to send to it and the ones after it wait to receive from it. A stage with
 * more workers than it needs has idle ones, which lower its share.
 *
 * <p>One instance records one run: giving it to a second run throws {@link IllegalStateException}.
 */
public final class PipelineStats {
    /** The runs with statistics in progress, for the periodic JFR event. */
    private static final Set<PipelineStats> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // the periodic event, registered only once a recorder has started (see Events)
        Events.whenRecording(
                () ->
                        FlightRecorder.addPeriodicEvent(
                                StageStatisticsEvent.class, PipelineStats::recordAll));
    }

    private final List<StageStats> stages = new CopyOnWriteArrayList<>();
    private final List<ChannelStats> channels = new CopyOnWriteArrayList<>();
    private volatile String pipeline;
    private volatile StageScope scope;
    private volatile long started;
    private volatile long ended;

    /** Statistics for one run, to be given to a pipeline's {@code builder().stats(...)}. */
    public PipelineStats() {}

    /** Called as a run starts: binds this instance to it. */
    synchronized void bind(String pipeline, StageScope scope) {
        if (this.pipeline != null) {
            throw new IllegalStateException(
                    "this PipelineStats already records a run of "
                            + this.pipeline
                            + "; give each run a new PipelineStats");
        }
        this.pipeline = pipeline;
        this.scope = scope;
        this.started = System.nanoTime();
        RUNNING.add(this);
    }

    /** Called as the run's last thread has ended: records each stage's final figures in JFR. */
    void end() {
        if (ended == 0) {
            ended = System.nanoTime();
            RUNNING.remove(this);
            record();
        }
    }

    /** The periodic event's hook: every running pipeline's stages. */
    static void recordAll() {
        for (PipelineStats stats : RUNNING) {
            stats.record();
        }
    }

    /** One {@link StageStatisticsEvent} per stage, if a recording wants them. */
    private void record() {
        if (!Events.recorder() || !new StageStatisticsEvent().isEnabled()) {
            return;
        }
        StageStats slowest = bottleneck().orElse(null);
        for (StageStats s : stages) {
            long[] t = s.times();
            long all = t[0] + t[1] + t[2];
            StageStatisticsEvent event = new StageStatisticsEvent();
            event.pipeline = pipeline;
            event.stage = s.name();
            event.workers = s.workers();
            event.received = s.received();
            event.sent = s.sent();
            event.busy = t[0];
            event.receiveWait = t[1];
            event.sendWait = t[2];
            event.busyShare = all == 0 ? 0 : (double) t[0] / all;
            event.bottleneck = s == slowest;
            event.batches = s.batchesFull() + s.batchesLingered() + s.batchesAtEnd();
            event.batchesLingered = s.batchesLingered();
            event.batchDropped = s.batchDropped();
            event.rateWait = s.rateWaitNanos();
            event.ticksSkipped = s.ticksSkipped();
            event.commit();
        }
    }

    /** The record of a new worker of {@code stage}, the stage registered on its first worker. */
    synchronized WorkerStats worker(String stage, int worker) {
        for (StageStats s : stages) {
            if (s.name().equals(stage)) {
                return s.worker(worker);
            }
        }
        StageStats s = new StageStats(this, stage);
        stages.add(s);
        return s.worker(worker);
    }

    ChannelStats channel(String name, int capacity) {
        ChannelStats c = new ChannelStats(name, capacity);
        channels.add(c);
        return c;
    }

    /** The pipeline's name ({@code LogsPipeline}), or null before the run starts. */
    public String pipeline() {
        return pipeline;
    }

    /** Nanoseconds from the run's start to its end, or to now while it runs; 0 before it starts. */
    public long elapsedNanos() {
        long from = started;
        if (from == 0) {
            return 0;
        }
        long to = ended;
        return (to == 0 ? System.nanoTime() : to) - from;
    }

    /**
     * Who waits on whom, now: one line per stage thread still alive, saying whether it runs its
     * stage's code or waits, and on which channel, with what that channel holds. See {@link
     * StageScope#snapshot}.
     */
    public String snapshot() {
        StageScope s = scope;
        return s == null ? "pipeline (not started)\n" : s.snapshot();
    }

    /** Every stage that has started a worker, in the order the run started them. */
    public List<StageStats> stages() {
        return List.copyOf(stages);
    }

    /**
     * The stage named {@code name}.
     *
     * @throws IllegalArgumentException if the run has no such stage (or has not started it yet)
     */
    public StageStats stage(String name) {
        for (StageStats s : stages) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        List<String> names = new ArrayList<>();
        stages.forEach(s -> names.add(s.name()));
        throw new IllegalArgumentException(
                "no stage " + name + " in this run; its stages: " + names);
    }

    /** Every channel between stages, in the order the run made them. */
    public List<ChannelStats> channels() {
        return List.copyOf(channels);
    }

    /**
     * The stage that limits throughput: the one whose workers were busy for the largest share of
     * their time (see the class comment); empty before any stage has started.
     */
    public Optional<StageStats> bottleneck() {
        StageStats best = null;
        double share = -1;
        for (StageStats s : stages) {
            double b = s.busyShare();
            if (b > share) {
                best = s;
                share = b;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A table of the run: one row per stage (workers, elements received and sent, busy share, and
     * the milliseconds busy, waiting for input and waiting for room downstream, workers summed),
     * the bottleneck marked; for the stages with time attributes whose figures are not all zero, a
     * row each of batches handed over (full, by linger, at the end), elements dropped with a
     * pending batch, time waiting for a rate and ticks skipped; then one row per channel (capacity,
     * held now, most held).
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%s, %.3f s%s%n",
                        pipeline == null ? "pipeline (not started)" : pipeline,
                        elapsedNanos() / 1e9,
                        ended == 0 && pipeline != null ? ", running" : ""));
        int width = "stage".length();
        for (StageStats s : stages) {
            width = Math.max(width, s.name().length());
        }
        String row = "%-" + width + "s %7s %12s %12s %6s %11s %14s %14s%s%n";
        out.append(
                String.format(
                        Locale.ROOT,
                        row,
                        "stage",
                        "workers",
                        "received",
                        "sent",
                        "busy",
                        "busy ms",
                        "recv wait ms",
                        "send wait ms",
                        ""));
        StageStats slowest = bottleneck().orElse(null);
        for (StageStats s : stages) {
            long[] t = s.times();
            long all = t[0] + t[1] + t[2];
            out.append(
                    String.format(
                            Locale.ROOT,
                            row,
                            s.name(),
                            s.workers(),
                            s.received(),
                            s.sent(),
                            all == 0 ? "-" : Math.round(100.0 * t[0] / all) + "%",
                            String.format(Locale.ROOT, "%.1f", t[0] / 1e6),
                            String.format(Locale.ROOT, "%.1f", t[1] / 1e6),
                            String.format(Locale.ROOT, "%.1f", t[2] / 1e6),
                            s == slowest ? "  <- bottleneck" : ""));
        }
        List<StageStats> timed = stages.stream().filter(StageStats::hasTimeFigures).toList();
        if (!timed.isEmpty()) {
            // the time attributes' figures, for the stages that have any
            String trow = "%-" + width + "s %12s %10s %7s %8s %13s %13s%n";
            out.append(
                    String.format(
                            Locale.ROOT,
                            trow,
                            "stage",
                            "batches full",
                            "by linger",
                            "at end",
                            "dropped",
                            "rate wait ms",
                            "ticks skipped"));
            for (StageStats s : timed) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                trow,
                                s.name(),
                                s.batchesFull(),
                                s.batchesLingered(),
                                s.batchesAtEnd(),
                                s.batchDropped(),
                                String.format(Locale.ROOT, "%.1f", s.rateWaitNanos() / 1e6),
                                s.ticksSkipped()));
            }
        }
        if (!channels.isEmpty()) {
            int cw = "channel".length();
            for (ChannelStats c : channels) {
                cw = Math.max(cw, c.name().length());
            }
            String crow = "%-" + cw + "s %8s %8s %8s%n";
            out.append(String.format(Locale.ROOT, crow, "channel", "capacity", "buffered", "max"));
            for (ChannelStats c : channels) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                crow,
                                c.name(),
                                c.capacity(),
                                c.buffered(),
                                c.maxBuffered()));
            }
        }
        return out.toString();
    }
}
