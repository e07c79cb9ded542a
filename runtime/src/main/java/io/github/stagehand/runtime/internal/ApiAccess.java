package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.ChannelStats;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.PipelineClock;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.StageTrace;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What this package needs of the API package's package-private parts, handed over once: the JDK's
 * {@code SharedSecrets}. The API types keep their plumbing (a channel's runs, the statistics a
 * scope records) package-private, so that no user reaches it through them; the one implementation
 * of this class lives in the API package and installs itself as it initializes, which {@link
 * Access} brings about when it is first used.
 *
 * <pre>{@code
 * int n = Access.API.receiveRun(channel, run, workers);
 * }</pre>
 *
 * <p>Invariants: {@code installed} is set once, to the API package's implementation. This class
 * initializes nothing of its own, so the implementation may be initialized first (reflectively,
 * say; a superclass is initialized before its subclass) or through {@link Access}.
 */
public abstract class ApiAccess {
    private static ApiAccess installed; // guarded by ApiAccess.class

    /** For the API package's implementation only. */
    protected ApiAccess() {}

    /**
     * Called once, by the API package's implementation as it initializes.
     *
     * @throws IllegalStateException if called again
     */
    public static synchronized void install(ApiAccess access) {
        if (installed != null) {
            throw new IllegalStateException("installed already");
        }
        installed = access;
    }

    /** The installed implementation, or null before the API package has installed it. */
    static synchronized ApiAccess installed() {
        return installed;
    }

    /** A channel named for snapshots, recording what it holds in {@code stats} unless null. */
    public abstract <T> Channel<T> channel(
            int capacity, Done done, String name, ChannelStats stats);

    /** {@code channel} as an outlet that takes runs of values; see {@link RunOutlet}. */
    public abstract RunOutlet runs(Channel<?> channel);

    /**
     * Receives up to {@code into.length} buffered elements into {@code into}, waiting for the first
     * as {@code receive()} does; answers how many (0 at the end of the stream). {@code receivers}
     * is how many workers share the channel.
     */
    public abstract int receiveRun(Channel<?> channel, Object[] into, int receivers);

    /**
     * Moves up to {@code max} buffered elements of {@code channel} into {@code into} from {@code
     * from} without waiting, and answers how many (0 when none is buffered); see {@link
     * #receiveRun}.
     */
    public abstract int pollRun(
            Channel<?> channel, Object[] into, int from, int max, int receivers);

    /** The {@code done} that {@code channel}'s operations end on. */
    public abstract Done done(Channel<?> channel);

    /** The channel's name in statistics and snapshots, or "a channel". */
    public abstract String name(Channel<?> channel);

    /** How {@code thread} waits in {@code channel}, for a snapshot, or null if it does not. */
    public abstract String describeWait(Channel<?> channel, Thread thread);

    /** The one instance of the cancellation signal. */
    public abstract CancelledException cancelled();

    /** Why a null cannot be sent, naming the sending thread. */
    public abstract NullPointerException nullSent();

    /** Binds {@code stats} to the run of {@code pipeline} that {@code scope} runs. */
    public abstract void bind(PipelineStats stats, String pipeline, StageScope scope);

    /** The record of a new worker of {@code stage}. */
    public abstract WorkerStats worker(PipelineStats stats, String stage, int worker);

    /** The record of a new channel. */
    public abstract ChannelStats channel(PipelineStats stats, String name, int capacity);

    /** Called once the run's last thread has ended. */
    public abstract void end(PipelineStats stats);

    /** The trace of a failure on the worker thread {@code thread} of {@code stage}. */
    public abstract StageTrace trace(String thread, String stage, int worker);

    /** The {@code done} of a run that starts now with {@code options}, on their clock. */
    public abstract Done done(RunOptions options);

    /** {@code thread} is one of a run's threads on {@code clock} from now. */
    public abstract void join(PipelineClock clock, Thread thread);

    /** {@code thread} is no longer one of a run's threads on {@code clock}. */
    public abstract void leave(PipelineClock clock, Thread thread);

    /**
     * A run on {@code clock}, which {@code fail} fails if its threads can never go on; running the
     * answer forgets it.
     */
    public abstract Runnable attach(
            PipelineClock clock,
            String pipeline,
            Supplier<String> snapshot,
            Consumer<Throwable> fail);

    /**
     * The calling thread begins a wait of the run's own, outside a channel (a tee's turn, an
     * ordered stage's turn), that ends once {@code ready} holds (or {@code done} closes): on a
     * virtual clock, the clock counts it as waiting, and the answer, run when the wait ends, says
     * it runs again. Null on the system's clock. {@code ready} is asked with the clock's lock held,
     * and must not block.
     */
    public abstract Runnable waiting(Done done, BooleanSupplier ready);

    /** Forgets {@code listener} of {@code done} if it has not run yet. */
    public abstract void removeListener(Done done, Runnable listener);

    /** The run-wide options set on {@code builder}. */
    public abstract RunOptions options(PipelineBuilder<?> builder);
}
