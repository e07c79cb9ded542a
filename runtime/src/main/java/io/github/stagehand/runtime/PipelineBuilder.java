package io.github.stagehand.runtime;

import io.github.stagehand.runtime.internal.RunOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The options every run of a generated pipeline takes, whatever its stages: a parent {@code done},
 * a deadline or a timeout, a grace period, statistics. Each generated {@code
 * <Owner>Pipeline.Builder} extends this class and adds its stages' own options (workers, buffers)
 * and {@code start(...)} or {@code run(...)}; every setter returns that builder, so the two kinds
 * chain in any order:
 *
 * <pre>{@code
 * PipelineStats stats = new PipelineStats();
 * try (var out = SquaresPipeline.builder()
 *         .sqWorkers(4)                           // sq's own option, generated
 *         .timeout(Duration.ofSeconds(5))         // run-wide, from here
 *         .stats(stats)
 *         .start(2, 3)) {
 *     System.out.println(out.receive());
 * }
 * }</pre>
 *
 * <p>A builder may start several runs, one after another or at once; each takes the options as they
 * are when it starts. Only {@link #stats} cannot be shared: one {@link PipelineStats} records one
 * run.
 *
 * @param <B> the generated builder, which every setter returns
 */
public abstract class PipelineBuilder<B extends PipelineBuilder<B>> {

    /** How long stage threads may outlive {@code done} before they are reported, unless told. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(1);

    private Done parent;
    private Instant deadline;
    private Duration timeout;
    private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
    private PipelineStats stats;
    private PipelineClock clock = PipelineClock.system();
    private Done drain;

    /** For generated builders. */
    protected PipelineBuilder() {}

    /**
     * Cancels the run when {@code parent} closes, like a Go {@code context}: the run's {@code done}
     * then closes with the parent's cause.
     */
    public final B parent(Done parent) {
        this.parent = Objects.requireNonNull(parent, "parent");
        return self();
    }

    /**
     * Cancels the run at {@code deadline}; the cause is a {@link
     * java.util.concurrent.TimeoutException}.
     */
    public final B deadline(Instant deadline) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        return self();
    }

    /**
     * Cancels the run once {@code timeout} has passed from its start; the cause is a {@link
     * java.util.concurrent.TimeoutException}. With a {@link #deadline} too, the earlier of the two
     * holds.
     */
    public final B timeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        this.timeout = timeout;
        return self();
    }

    /**
     * How long stage threads may outlive {@code done} before each one still running is reported,
     * with its stack, on the {@link System.Logger} {@code io.github.stagehand.runtime} (default 1
     * s). The run still waits for them.
     */
    public final B gracePeriod(Duration gracePeriod) {
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must not be negative: " + gracePeriod);
        }
        this.gracePeriod = gracePeriod;
        return self();
    }

    /**
     * Records the run in {@code stats}: per stage, elements received and sent and the time busy and
     * waiting; per channel, what it holds. Off unless given; one {@link PipelineStats} per run.
     */
    public final B stats(PipelineStats stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
        return self();
    }

    /**
     * Drains the run once {@code signal} closes: a graceful stop, which is not a cancellation. The
     * heads stop (a head right after its next send, which is delivered, or at its next {@link
     * Done#sleep}; a poller before its next call) and end as if they had returned; everything they
     * sent goes on through the pipeline, batches are handed over as at the end of the input, and
     * the run completes as it would have had the input ended there: {@code run(...)} returns the
     * sink's value, a started pipeline's output ends as a complete stream. A head that reads and
     * then sends loses nothing it read. A signal closed before the run starts lets each head send
     * at most one element. A head blocked outside Stagehand (in I/O) notices when it next sends or
     * sleeps.
     *
     * <pre>{@code
     * Done drain = new Done();
     * Runtime.getRuntime().addShutdownHook(new Thread(drain::close)); // SIGTERM, Ctrl-C
     * ShipperPipeline.builder().drain(drain).run(files);            // returns once drained
     * }</pre>
     *
     * Cancelling ({@link #parent}, a deadline, a failure) still ends everything at once.
     */
    public final B drain(Done signal) {
        this.drain = Objects.requireNonNull(signal, "signal");
        return self();
    }

    /**
     * The clock the run reads and waits on (the system's monotonic clock unless told): its batches'
     * linger, its pollers' periods, its rates, its timed receives and {@link Done#sleep}s, and its
     * {@link #deadline} and {@link #timeout}. A test gives it a {@link VirtualClock}, and the run's
     * time then passes only while every thread of the run waits.
     */
    public final B clock(PipelineClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** The options as a run that starts now takes them. */
    RunOptions options() {
        long delay = Done.NO_DEADLINE;
        String why = null;
        if (deadline != null) {
            delay = Math.max(0, Done.saturatedNanos(Duration.between(Instant.now(), deadline)));
            why = "deadline " + deadline + " passed";
        }
        if (timeout != null
                && (delay == Done.NO_DEADLINE || Done.saturatedNanos(timeout) < delay)) {
            delay = Done.saturatedNanos(timeout);
            why = "timeout " + timeout + " passed";
        }
        return new RunOptions(parent, delay, why, gracePeriod, stats, clock, drain);
    }

    @SuppressWarnings("unchecked") // B is the class that extends this one
    private B self() {
        return (B) this;
    }
}
