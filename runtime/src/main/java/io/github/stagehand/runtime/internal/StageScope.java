package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.PipelineClock;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.StageTrace;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns the threads of one pipeline run: the part of Go's {@code main} that starts goroutines and
 * closes {@code done} on every way out. The generated code forks each stage worker here, on a
 * virtual thread named {@code <Pipeline>.<stage>#<worker>}, and ends with {@link #join()} or {@link
 * #close()}.
 *
 * <pre>{@code
 * StageScope scope = new StageScope("SquaresPipeline", new Done());
 * Channel<Integer> out = scope.channel(0);
 * scope.fork("gen", 0, () -> {
 *     try { Squares.gen(out, nums); } finally { out.close(); }   // defer close(out)
 * });
 * ...
 * Throwable failure = scope.close();          // close(done), then wait for every stage thread
 * }</pre>
 *
 * <p>The first worker to throw (anything but {@link CancelledException}) closes {@code done} with
 * its exception as the cause; that exception is the pipeline's failure, and failures after it are
 * added to it as suppressed. Closing {@code done}, for whatever reason, also interrupts every
 * worker, so a stage blocked outside a channel (sleeping, in I/O) stops too.
 *
 * <p>A worker still alive a grace period after {@code done} closed (one second unless given) is
 * reported once, with its name and stack, on the {@link System.Logger} named after this class, at
 * {@code WARNING}: a stage that swallows its cancellation, or blocks where no interrupt reaches it,
 * then explains the wait. {@link #join()} goes on waiting for it; no thread is left behind.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>{@code failure}, once set, is {@code done}'s cause and is never replaced.
 *   <li>{@code threads} holds every thread forked, and only grows; {@link #join()} returns only
 *       when each of them has ended.
 * </ul>
 */
public final class StageScope {

    /** The logger of stuck-stage reports: named for the API package, which users configure. */
    public static final String LOGGER = "io.github.stagehand.runtime";

    private static final Logger LOG = System.getLogger(LOGGER);

    private final String pipeline;
    private final Done done;
    private final Duration gracePeriod;
    private final PipelineStats stats; // null unless the run keeps statistics
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Thread> threads = new ArrayList<>(); // guarded by lock
    private Throwable failure; // guarded by lock
    private String failedThread; // guarded by lock: the name of the thread that threw failure
    private boolean traced; // guarded by lock: whether failure has its StageTrace
    private Future<?> stuckReport; // guarded by lock: set once done closed, unless joined first
    private boolean joined; // guarded by lock: every worker has ended
    private int channels; // how many channels the owner made, for the names of unnamed ones
    private final PipelineClock clock;
    private final Thread owner; // the thread that made this scope: one of the run's, until it joins
    private final AtomicBoolean ownerLeft = new AtomicBoolean();
    private final Runnable detach; // forgets this run on its clock
    private Done heads; // the heads' done: done, or a child of it that a drain closes too
    private Runnable drainLink; // forgets the drain signal's listener, or null
    // owner thread only: the fusable stages not yet claimed by the stage after them, by output
    private final Map<Channel<?>, Fusable<?, ?>> fusable = new IdentityHashMap<>();

    /** Whether a virtual thread has ended in this JVM since it started (see {@link #linkExit}). */
    private static volatile boolean exitLinked;

    /**
     * A scope for the pipeline named {@code pipeline} (the thread-name prefix), cancelled by {@code
     * done}.
     */
    public StageScope(String pipeline, Done done) {
        this(pipeline, done, PipelineBuilder.DEFAULT_GRACE_PERIOD);
    }

    /**
     * A scope as {@link #StageScope(String, Done)}, whose workers are reported when they outlive
     * {@code done} by {@code gracePeriod}.
     */
    public StageScope(String pipeline, Done done, Duration gracePeriod) {
        this(pipeline, done, gracePeriod, null);
    }

    /**
     * A scope as {@link #StageScope(String, Done, Duration)} that records its run in {@code stats}
     * (none if null): every worker's counts and times, and every channel made through {@link
     * #channel(String, int)}.
     *
     * @throws IllegalStateException if {@code stats} already recorded a run
     */
    public StageScope(String pipeline, Done done, Duration gracePeriod, PipelineStats stats) {
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must not be negative: " + gracePeriod);
        }
        this.pipeline = pipeline;
        this.done = done;
        this.gracePeriod = gracePeriod;
        this.stats = stats;
        if (stats != null) {
            Access.API.bind(stats, pipeline, this);
        }
        this.clock = done.clock();
        this.owner = Thread.currentThread();
        Access.API.join(clock, owner);
        this.detach = Access.API.attach(clock, pipeline, this::snapshot, this::fail);
        this.heads = done;
        done.onClose(this::doneClosed);
        linkExit();
    }

    /**
     * The scope of a run of the pipeline named {@code pipeline} that starts now, with the run-wide
     * options set on {@code builder}: its own {@code done}, closed also by the builder's parent and
     * deadline.
     */
    public static StageScope open(String pipeline, PipelineBuilder<?> builder) {
        RunOptions options = Access.API.options(builder);
        StageScope scope =
                new StageScope(
                        pipeline, Access.API.done(options), options.gracePeriod(), options.stats());
        if (options.drain() != null) {
            scope.drainOn(options.drain());
        }
        return scope;
    }

    /**
     * From now on, {@code drain} closing stops the heads: their {@code done} (a child of the run's)
     * closes, which ends a head at its next {@link Done#sleep} or right after its next send through
     * {@link #headOut}, and the run goes on to complete with what they sent.
     */
    private void drainOn(Done drain) {
        Done draining = new Done(done, null);
        Runnable onDrain = draining::close;
        drain.onClose(onDrain);
        heads = draining;
        drainLink = () -> Access.API.removeListener(drain, onDrain);
    }

    /**
     * The {@code done} of the run's heads: the run's own, or, when the run may be drained, a child
     * of it that the drain signal closes too. A head's {@code Done} parameter is this one.
     */
    public Done headDone() {
        return heads;
    }

    /**
     * {@code out} as a head sends on it: itself, or, when the run may be drained, an {@code Out}
     * that ends the head right after a send once the run is drained. The value is delivered first:
     * a head that read something and sends it loses nothing to a drain. The end is the cancellation
     * signal, which ends a stage as if it returned.
     */
    public <T> Out<T> headOut(Out<T> out) {
        Done draining = heads;
        if (draining == done) {
            return out;
        }
        return value -> {
            out.send(value);
            if (draining.isClosed()) {
                throw Access.CANCELLED; // drained: stop here, as if the head had returned
            }
        };
    }

    /**
     * Ends one virtual thread, once per JVM, before the first pipeline starts its own. The JDK
     * links a class on a virtual thread's exit path only when the first one ends; a pipeline whose
     * threads all start before any ends (a long chain) would otherwise run that path in code
     * compiled without it, and every one of its threads would deoptimize as it ends (81,000 times
     * in a chain of 100,000 stages). Not done in a static initializer: a thread waiting there pins
     * its carrier, and the one it waits for may need that carrier (ADR 0008).
     */
    private static void linkExit() {
        if (exitLinked) {
            return;
        }
        try {
            Thread.ofVirtual().start(Thread::onSpinWait).join();
            exitLinked = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's own interrupt, kept for it to see
        }
    }

    /** The pipeline's {@code done}. */
    public Done done() {
        return done;
    }

    /** A new channel of {@code capacity} (0 for unbuffered) bound to this scope's {@code done}. */
    public <T> Channel<T> channel(int capacity) {
        return channel("channel " + (channels + 1), capacity);
    }

    /**
     * A new channel of {@code capacity} bound to this scope's {@code done}, named for the stages it
     * joins ({@code "read -> parse"}) in the run's statistics and snapshots.
     */
    public <T> Channel<T> channel(String name, int capacity) {
        channels++;
        return Access.API.channel(
                capacity,
                done,
                name,
                stats == null ? null : Access.API.channel(stats, name, capacity));
    }

    /**
     * Registers a single-worker map or flat stage that may run on the thread of the one stage that
     * receives its output {@code out}: that stage's {@link #input} claims it, and {@link #join}
     * starts it on a thread of its own if nothing did. When the run keeps statistics, which time
     * each stage on its own thread, it starts on its own thread at once. Called by the owner, while
     * wiring (docs/adr/0023-fusion.md).
     */
    public <A, B> void fusable(
            String stage, Channel<A> in, Channel<B> out, FusedIn.FusedBody<A, B> body) {
        Fusable<A, B> fused = new Fusable<>(stage, in, out, body);
        if (stats != null) {
            ownThread(fused);
        } else {
            fusable.put(out, fused);
        }
    }

    /**
     * The input end of a stream or sink stage with one worker that receives from {@code in}: it
     * takes runs of elements (a {@link WorkerIn}), or, when the stage before is {@link #fusable},
     * runs that stage on this stage's thread (a {@link FusedIn}). Called by the owner, while
     * wiring; the stage's thread is the one to use it.
     */
    public <T> In<T> input(Channel<T> in) {
        return input(in, 1);
    }

    /**
     * The input end of one of {@code workers} workers of a stream stage, as {@link #input(Channel)}
     * for one; with several, none runs the stage before, which starts on its own thread now.
     */
    public <T> In<T> input(Channel<T> in, int workers) {
        Fusable<?, ?> fused = fusable.remove(in);
        if (fused != null && workers == 1) {
            @SuppressWarnings("unchecked")
            In<T> input = (In<T>) fused.input(this);
            return input;
        }
        if (fused != null) {
            ownThread(fused);
        }
        return new WorkerIn<>(in, workers, null);
    }

    /**
     * A stage registered by {@link #fusable}: what it takes, sends to, and does with each input.
     */
    private record Fusable<A, B>(
            String stage, Channel<A> in, Channel<B> out, FusedIn.FusedBody<A, B> body) {
        FusedIn<A, B> input(StageScope scope) {
            return new FusedIn<>(scope, stage, in, out, body);
        }
    }

    /** Starts a fusable stage on a thread of its own, as a flat stage's worker. */
    private <A, B> void ownThread(Fusable<A, B> fused) {
        ownThread(fused.stage(), fused.in(), fused.out(), fused.body(), new Object[0]);
    }

    /**
     * Starts {@code stage} on a thread of its own, a flat stage's worker over {@code left} (inputs
     * taken already), then {@code in}, sending to {@code out} and closing it when it ends. {@link
     * FusedIn} calls it too, when a stage it runs moves to a thread of its own.
     */
    <A, B> void ownThread(
            String stage,
            Channel<A> in,
            Channel<B> out,
            FusedIn.FusedBody<A, B> body,
            Object[] left) {
        fork(
                stage,
                0,
                () -> {
                    WorkerOut<B> results = new WorkerOut<>(out);
                    try {
                        for (Object value : left) {
                            @SuppressWarnings("unchecked")
                            A input = (A) value;
                            body.accept(input, results);
                        }
                        new WorkerIn<>(in, 1, results).each(value -> body.accept(value, results));
                        results.flush(); // the input ended: hand on what this worker holds
                    } catch (Throwable failure) {
                        throw failed(failure);
                    } finally {
                        out.close(); // defer close(out)
                    }
                });
    }

    /** The name of a worker's thread: {@code <pipeline>.<stage>#<worker>}. */
    String threadName(String stage, int worker) {
        return pipeline + "." + stage + "#" + worker;
    }

    /** Starts {@code body} on a virtual thread named {@code <pipeline>.<stage>#<worker>}. */
    public void fork(String stage, int worker, StageBody body) {
        WorkerStats record = stats == null ? null : Access.API.worker(stats, stage, worker);
        Thread thread =
                Thread.ofVirtual()
                        .name(threadName(stage, worker))
                        .unstarted(
                                record == null
                                        ? () -> runWorker(body)
                                        : () -> runWorker(body, record));
        Access.API.join(clock, thread); // one of the run's threads before it can wait
        lock.lock();
        try {
            threads.add(thread);
        } finally {
            lock.unlock();
        }
        if (done.isClosed()) {
            // interruptAll may have run before this thread was listed; done is set closed before
            // it runs, so one of the two interrupts the thread (the flag survives start())
            thread.interrupt();
        }
        thread.start();
    }

    private void runWorker(StageBody body) {
        try {
            body.run();
        } catch (CancelledException cancelled) {
            // case <-done: return
        } catch (Throwable t) {
            fail(t);
        } finally {
            Access.API.leave(clock, Thread.currentThread());
        }
    }

    /** {@link #runWorker(StageBody)}, timed and counted in {@code record}. */
    private void runWorker(StageBody body, WorkerStats record) {
        record.start();
        try {
            runWorker(body);
        } finally {
            record.end();
        }
    }

    /**
     * What a map stage named {@code stage} returned, passed on unless it is null: a null names the
     * stage and says what to write instead, where {@link Channel#send} could only name the thread.
     */
    public static <R> R returned(String stage, R value) {
        if (value == null) {
            throw new NullPointerException(
                    "map stage "
                            + stage
                            + " returned null; channel elements are never null. Return a value for"
                            + " every input, or, to skip inputs, make "
                            + stage
                            + " a flat stage, void "
                            + stage
                            + "(T value, Out<R> out), that sends only what it keeps");
        }
        return value;
    }

    /**
     * Records the calling worker's {@code failure} at once and returns it, to be rethrown. The
     * generated code calls it from a {@code catch} ahead of the {@code finally} that closes the
     * stage's outbound channel: the failure must close {@code done} before that close, or a
     * consumer could take the close for the end of a complete stream and close {@code done} first,
     * and the failure would be lost (Go's MD5All likewise sends its error before {@code
     * close(paths)} runs). Recording the same failure again is harmless; the cancellation signal is
     * returned unrecorded.
     */
    public Throwable failed(Throwable failure) {
        if (!(failure instanceof CancelledException)) {
            fail(failure);
        }
        return failure;
    }

    /**
     * Records a stage failure: the first closes {@code done}, later ones become suppressed. The
     * same instance twice (from {@link #failed} and then {@link #runWorker}) counts once.
     */
    private void fail(Throwable t) {
        lock.lock();
        try {
            if (done.close(t)) {
                failure = t;
                failedThread = Thread.currentThread().getName();
            } else if (failure != null
                    && failure != t
                    && !(t instanceof InterruptedException)
                    && !(t instanceof ClosedByInterruptException)) {
                // after done closed, these are our own interrupt (interruptAll), not news
                failure.addSuppressed(t);
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code done}'s listener: interrupts every worker, and starts the grace period. */
    private void doneClosed() {
        lock.lock();
        try {
            for (Thread thread : threads) {
                if (thread != Thread.currentThread()) {
                    thread.interrupt();
                }
            }
            if (!joined) {
                stuckReport = Timer.schedule(this::reportStuck, gracePeriod.toNanos());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs once, a grace period after {@code done} closed: names every worker still alive. */
    private void reportStuck() {
        boolean stuck = false;
        for (Thread thread : threadList()) {
            StackTraceElement[] stack = thread.getStackTrace();
            if (!thread.isAlive()) {
                continue;
            }
            StringBuilder message =
                    new StringBuilder(thread.getName())
                            .append(" is still running ")
                            .append(gracePeriod.toMillis())
                            .append(" ms after done closed, and ")
                            .append(pipeline)
                            .append(" waits for it to end. A stage that catches Throwable or")
                            .append(" Error around send or receive swallows the")
                            .append(" CancelledException that would end it; one blocked where no")
                            .append(" interrupt reaches it stays blocked. It is here:");
            for (StackTraceElement frame : stack) {
                message.append("\n\tat ").append(frame);
            }
            LOG.log(Level.WARNING, message.toString());
            stuck = true;
        }
        if (stuck) {
            LOG.log(
                    Level.WARNING,
                    "Who waits on whom, "
                            + gracePeriod.toMillis()
                            + " ms after done closed:\n"
                            + snapshot());
        }
    }

    /**
     * Who waits on whom, now: a header line, then one line per stage thread still alive, saying
     * whether it is blocked sending on a channel (named for the stages it joins, with how many of
     * its slots are full), blocked receiving from one, waiting for its turn at a tee, or in its
     * stage's own code, running or blocked there (with the frame it is at). See {@link Snapshot}.
     */
    public String snapshot() {
        return Snapshot.of(pipeline, threadList(), done.isClosed());
    }

    /**
     * Waits for every stage thread to end, then closes {@code done} (Go's {@code defer
     * close(done)}). If the caller is interrupted while waiting, the pipeline is cancelled, the
     * wait goes on until every thread has ended, and the interrupt status is kept.
     *
     * @return null if the pipeline completed or its owner closed it; the first stage failure; or,
     *     when a parent, a deadline or an interrupt cancelled it, a {@link CancellationException}
     *     whose cause says which
     */
    public Throwable join() {
        for (Fusable<?, ?> fused : List.copyOf(fusable.values())) {
            ownThread(fused); // no stage claimed it: it runs as its own stage
        }
        fusable.clear();
        if (ownerLeft.compareAndSet(false, true)) {
            Access.API.leave(clock, owner); // it waits for the run's end now, not in the run
        }
        boolean interrupted = false;
        // by index, re-read: a fused stage moving to its own thread forks one while the run goes on
        Thread thread;
        for (int i = 0; (thread = threadAt(i)) != null; i++) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    done.close(e);
                }
            }
        }
        done.close();
        detach.run();
        if (drainLink != null) {
            drainLink.run();
        }
        if (stats != null) {
            Access.API.end(stats);
        }
        lock.lock();
        try {
            joined = true; // every worker has ended: nothing to report
            if (stuckReport != null) {
                stuckReport.cancel(false);
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return outcome();
    }

    /** Closes {@code done}, then waits for every stage thread: the owner's early exit. */
    public Throwable close() {
        done.close();
        return join();
    }

    /** The {@code i}-th thread forked, or null if fewer were. */
    private Thread threadAt(int i) {
        lock.lock();
        try {
            return i < threads.size() ? threads.get(i) : null;
        } finally {
            lock.unlock();
        }
    }

    private List<Thread> threadList() {
        lock.lock();
        try {
            return List.copyOf(threads);
        } finally {
            lock.unlock();
        }
    }

    /**
     * How the run ended so far, as {@link #join()} reports it; null while {@code done} is open or
     * if the owner closed it. The first failure gets its {@link StageTrace} here, on the caller's
     * thread, the first time it is asked for.
     */
    Throwable outcome() {
        lock.lock();
        try {
            if (failure != null) {
                if (!traced) {
                    traced = true;
                    failure.addSuppressed(trace(failedThread));
                }
                return failure;
            }
        } finally {
            lock.unlock();
        }
        Throwable cause = done.cause();
        if (cause == null) {
            return null;
        }
        CancellationException cancelled =
                new CancellationException(pipeline + " cancelled: " + cause);
        cancelled.initCause(cause);
        return cancelled;
    }

    /** The trace of a failure thrown on the worker thread named {@code thread}. */
    private StageTrace trace(String threadName) {
        // fork names its threads <pipeline>.<stage>#<worker>; failed() may also be called elsewhere
        int on = threadName.indexOf(" (on ");
        // a fused stage's code runs under its own name, on the thread of the stage after it
        String thread = on > 0 ? threadName.substring(0, on) : threadName;
        int hash = thread.lastIndexOf('#');
        if (thread.startsWith(pipeline + ".") && hash > pipeline.length() + 1) {
            try {
                return Access.API.trace(
                        threadName,
                        thread.substring(pipeline.length() + 1, hash),
                        Integer.parseInt(thread.substring(hash + 1)));
            } catch (NumberFormatException e) {
                // not one of ours after all
            }
        }
        return Access.API.trace(threadName, threadName, -1);
    }
}
