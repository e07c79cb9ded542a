package io.github.stagehand.runtime;

import io.github.stagehand.runtime.internal.ApiAccess;
import io.github.stagehand.runtime.internal.RunOptions;
import io.github.stagehand.runtime.internal.RunOutlet;
import io.github.stagehand.runtime.internal.StageScope;
import io.github.stagehand.runtime.internal.WorkerStats;

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
    public RunOptions options(PipelineBuilder<?> builder) {
        return builder.options();
    }
}
