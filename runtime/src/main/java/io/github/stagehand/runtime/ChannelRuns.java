package io.github.stagehand.runtime;

import io.github.stagehand.runtime.internal.RunOutlet;

/**
 * A channel's run side, as a worker's {@code WorkerOut} sends through it: the package-private run
 * methods of {@link Channel} behind the internal {@link RunOutlet}, so that the channel itself
 * offers users none of them. One is made per worker, not per element.
 */
final class ChannelRuns implements RunOutlet {
    private final Channel<?> channel;

    ChannelRuns(Channel<?> channel) {
        this.channel = channel;
    }

    @Override
    public int runCapacity() {
        return channel.runCapacity();
    }

    @Override
    public void sendRun(Object[] items, int n) {
        channel.sendRun(items, n);
    }

    @Override
    public boolean sendRunOrClosed(Object[] items, int n) {
        return channel.sendRunOrClosed(items, n);
    }

    @Override
    public boolean observed() {
        return channel.observed();
    }
}
