package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.StageStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one stage worker has done, written only by its own thread and read by any: how many elements
 * it received and sent, and how its time divides between the user's code and waits in send and
 * receive. Kept only for a pipeline run with {@link PipelineStats}; the worker's thread finds its
 * own through {@link #current()}.
 *
 * <p>Time is kept in segments: a worker is running, receiving (waiting for input) or sending
 * (waiting for room downstream), and each change of state adds the segment that ends to its total.
 * A reader adds the segment still open. The totals and the open segment are published under a
 * sequence lock, odd while the worker changes them, so that a reader sees them as of one moment;
 * and the worker reads the clock only after it has made the sequence odd, so no reader can have
 * counted more of an open segment than the worker then closes it with. Read that way, every figure
 * only grows.
 *
 * <p>The counts are single-writer fields written and read with opaque access: each read sees a
 * value the worker wrote, never a torn or an older one than the last read saw. So are the figures
 * of the time attributes ({@code batch}, {@code rate}, {@code every}): batches handed over and why,
 * elements dropped with a pending batch, time waiting for a rate, ticks skipped.
 */
public final class WorkerStats {
    static final int NOT_STARTED = 0;
    static final int RUNNING = 1;
    static final int RECEIVING = 2;
    static final int SENDING = 3;
    static final int ENDED = 4;

    private static final ThreadLocal<WorkerStats> CURRENT = new ThreadLocal<>();
    private static final VarHandle SEQ;
    private static final VarHandle RECEIVED;
    private static final VarHandle SENT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SEQ = lookup.findVarHandle(WorkerStats.class, "seq", int.class);
            RECEIVED = lookup.findVarHandle(WorkerStats.class, "received", long.class);
            SENT = lookup.findVarHandle(WorkerStats.class, "sent", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final StageStats stage;
    private final PipelineStats pipeline;
    final int worker;
    private volatile Thread thread;

    @SuppressWarnings("unused") // through RECEIVED
    private long received;

    @SuppressWarnings("unused") // through SENT
    private long sent;

    // The sequence lock: odd while the owner writes the fields below it.
    @SuppressWarnings("unused") // through SEQ
    private int seq;

    private long busyDone;
    private long receiveWaitDone;
    private long sendWaitDone;
    private long since; // when the open segment began
    private int state = NOT_STARTED;
    private Object blockedOn; // the channel or tee a waiting worker waits on

    // The time attributes' figures, indexed by the constants below; written by the owner only.
    private final AtomicLongArray timeFigures = new AtomicLongArray(6);

    private static final int BATCHES_FULL = 0;
    private static final int BATCHES_LINGERED = 1;
    private static final int BATCHES_AT_END = 2;
    private static final int BATCH_DROPPED = 3;
    private static final int RATE_WAIT = 4;
    private static final int TICKS_SKIPPED = 5;

    // Written by the owner only: while above zero, its sends are a tee's branches, counted once by
    // the tee itself.
    private int teeDepth;

    // Written by the owner only: the JFR event of the wait in progress, if a recording wants it.
    private StageWaitEvent waitEvent;

    /** The record of worker {@code worker} of {@code stage}, a stage of {@code pipeline}. */
    public WorkerStats(StageStats stage, PipelineStats pipeline, int worker) {
        this.stage = stage;
        this.pipeline = pipeline;
        this.worker = worker;
    }

    /**
     * The calling thread's record, or null if it is not a stage worker of a pipeline with stats.
     */
    public static WorkerStats current() {
        return CURRENT.get();
    }

    /** Called by the worker's thread as it starts. */
    public void start() {
        thread = Thread.currentThread();
        CURRENT.set(this);
        change(RUNNING, null);
    }

    /** Called by the worker's thread as it ends. */
    public void end() {
        change(ENDED, null);
        CURRENT.remove();
    }

    /**
     * Called by the owner as it begins to wait on {@code on} (a channel or a tee): for room
     * downstream if {@code sending}, else for input.
     */
    public void beginWait(boolean sending, Object on) {
        if (Events.recorder()) {
            StageWaitEvent event = new StageWaitEvent();
            if (event.isEnabled()) {
                event.operation = sending ? "send" : "receive";
                event.channel = describe(on);
                event.begin();
                waitEvent = event;
            }
        }
        change(sending ? SENDING : RECEIVING, on);
    }

    /** Called by the owner when the wait that {@link #beginWait} began ends. */
    public void endWait() {
        change(RUNNING, null);
        StageWaitEvent event = waitEvent;
        if (event != null) {
            waitEvent = null;
            event.end();
            if (event.shouldCommit()) {
                event.pipeline = pipeline.pipeline();
                event.stage = stage.name();
                event.worker = worker;
                event.commit();
            }
        }
    }

    /** What a worker waits on, as snapshots and events name it. */
    public static String describe(Object on) {
        if (on instanceof Channel<?> channel) {
            return Access.API.name(channel);
        }
        if (on instanceof Tee<?> tee) {
            return tee.name();
        }
        return String.valueOf(on);
    }

    /** Ends the open segment, adding it to its state's total, and opens one in {@code next}. */
    private long change(int next, Object on) {
        // odd: a full fence, so that neither the writes below nor the clock's reading come
        // before it (StampedLock's optimistic reads rely on the same)
        int s = (int) SEQ.getAndAdd(this, 1);
        long now = System.nanoTime();
        long length = now - since;
        switch (state) {
            case RUNNING -> busyDone += length;
            case RECEIVING -> receiveWaitDone += length;
            case SENDING -> sendWaitDone += length;
            default -> {}
        }
        since = now;
        state = next;
        blockedOn = on;
        SEQ.setRelease(this, s + 2);
        return now;
    }

    public void received(long n) {
        RECEIVED.setOpaque(this, (long) RECEIVED.getOpaque(this) + n);
    }

    public void sent(long n) {
        if (teeDepth == 0) {
            SENT.setOpaque(this, (long) SENT.getOpaque(this) + n);
        }
    }

    /** A batch was handed over full. */
    public void batchFull() {
        add(BATCHES_FULL, 1);
    }

    /** A batch was handed over because its linger had passed. */
    public void batchLingered() {
        add(BATCHES_LINGERED, 1);
    }

    /** A batch was handed over because the input ended. */
    public void batchAtEnd() {
        add(BATCHES_AT_END, 1);
    }

    /**
     * The batch being built, of {@code elements} elements, was dropped: the run failed or ended.
     */
    public void batchDropped(long elements) {
        add(BATCH_DROPPED, elements);
    }

    /** The worker waited {@code nanos} (on the run's clock) for its turn at the stage's rate. */
    public void rateWaited(long nanos) {
        add(RATE_WAIT, nanos);
    }

    /** A poller skipped {@code ticks} ticks: its call overran its period. */
    public void ticksSkipped(long ticks) {
        add(TICKS_SKIPPED, ticks);
    }

    public long batchesFull() {
        return timeFigures.getOpaque(BATCHES_FULL);
    }

    public long batchesLingered() {
        return timeFigures.getOpaque(BATCHES_LINGERED);
    }

    public long batchesAtEnd() {
        return timeFigures.getOpaque(BATCHES_AT_END);
    }

    public long batchDropped() {
        return timeFigures.getOpaque(BATCH_DROPPED);
    }

    public long rateWaitNanos() {
        return timeFigures.getOpaque(RATE_WAIT);
    }

    public long ticksSkipped() {
        return timeFigures.getOpaque(TICKS_SKIPPED);
    }

    private void add(int figure, long n) {
        timeFigures.setOpaque(figure, timeFigures.getOpaque(figure) + n);
    }

    /** A tee's send to its branches begins: they count as one send, which the tee records. */
    public void enterTee() {
        teeDepth++;
    }

    public void exitTee() {
        teeDepth--;
    }

    public long receivedCount() {
        return (long) RECEIVED.getOpaque(this);
    }

    public long sentCount() {
        return (long) SENT.getOpaque(this);
    }

    public Thread thread() {
        return thread;
    }

    /** The worker's times and state as of one moment, the open segment included. */
    public record Reading(
            long busy, long receiveWait, long sendWait, int state, Object blockedOn) {}

    public Reading read() {
        while (true) {
            int s = (int) SEQ.getAcquire(this);
            if ((s & 1) != 0) {
                Thread.onSpinWait(); // the owner is changing state: a few instructions
                continue;
            }
            long busy = busyDone;
            long receiveWait = receiveWaitDone;
            long sendWait = sendWaitDone;
            long from = since;
            int st = state;
            Object on = blockedOn;
            long now = System.nanoTime();
            VarHandle.acquireFence();
            if ((int) SEQ.getOpaque(this) != s) {
                continue;
            }
            long open = st == NOT_STARTED || st == ENDED ? 0 : now - from;
            switch (st) {
                case RUNNING -> busy += open;
                case RECEIVING -> receiveWait += open;
                case SENDING -> sendWait += open;
                default -> {}
            }
            return new Reading(busy, receiveWait, sendWait, st, on);
        }
    }
}
