package io.github.stagehand.runtime;

import io.github.stagehand.runtime.internal.ApiAccess;
import io.github.stagehand.runtime.internal.RunOptions;
import io.github.stagehand.runtime.internal.RunOutlet;
import io.github.stagehand.runtime.internal.StageScope;
import io.github.stagehand.runtime.internal.WorkerStats;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one {@link ApiAccess}: the package-private parts of this package that generated code's
 * support needs.
 */
final class InternalAccess extends ApiAccess {
    static {
        ApiAccess.install(new InternalAccess());
    }

    private InternalAccess() {}

    @Override
    public <T> Channel<T> channel(int capacity, Done done, String name, ChannelStats stats) {
        return new Channel<>(capacity, done, name, stats);
    }

    @Override
    public RunOutlet runs(Channel<?> channel) {
        return channel.runs();
    }

    @Override
    public int receiveRun(Channel<?> channel, Object[] into, int receivers) {
        return channel.receiveRun(into, receivers);
    }

    @Override
    public int pollRun(Channel<?> channel, Object[] into, int from, int max, int receivers) {
        return channel.pollRun(into, from, max, receivers);
    }

    @Override
    public Done done(Channel<?> channel) {
        return channel.done();
    }

    @Override
    public String name(Channel<?> channel) {
        return channel.name();
    }

    @Override
    public String describeWait(Channel<?> channel, Thread thread) {
        return channel.describeWait(thread);
    }

    @Override
    public CancelledException cancelled() {
        return CancelledException.INSTANCE;
    }

    @Override
    public NullPointerException nullSent() {
        return Channel.nullSent();
    }

    @Override
    public void bind(PipelineStats stats, String pipeline, StageScope scope) {
        stats.bind(pipeline, scope);
    }

    @Override
    public WorkerStats worker(PipelineStats stats, String stage, int worker) {
        return stats.worker(stage, worker);
    }

    @Override
    public ChannelStats channel(PipelineStats stats, String name, int capacity) {
        return stats.channel(name, capacity);
    }

    @Override
    public void end(PipelineStats stats) {
        stats.end();
    }

    @Override
    public StageTrace trace(String thread, String stage, int worker) {
        return new StageTrace(thread, stage, worker);
    }

    @Override
    public Done done(RunOptions options) {
        return new Done(
                options.parent(), options.deadlineNanos(), options.deadlineWhy(), options.clock());
    }

    @Override
    public void join(PipelineClock clock, Thread thread) {
        clock.join(thread);
    }

    @Override
    public void leave(PipelineClock clock, Thread thread) {
        clock.leave(thread);
    }

    @Override
    public Runnable attach(
            PipelineClock clock,
            String pipeline,
            Supplier<String> snapshot,
            Consumer<Throwable> fail) {
        return clock.attach(pipeline, snapshot, fail);
    }

    @Override
    public Runnable waiting(Done done, BooleanSupplier ready) {
        if (!(done.clock() instanceof VirtualClock clock)) {
            return null;
        }
        ClockWait wait =
                new ClockWait(ClockWait.NONE) {
                    @Override
                    boolean ready(long now) {
                        return ready.getAsBoolean() || done.isClosed() || thread.isInterrupted();
                    }
                };
        clock.waiting(wait);
        return () -> clock.running(wait);
    }

    @Override
    public void removeListener(Done done, Runnable listener) {
        done.removeListener(listener);
    }

    @Override
    public RunOptions options(PipelineBuilder<?> builder) {
        return builder.options();
    }
}
