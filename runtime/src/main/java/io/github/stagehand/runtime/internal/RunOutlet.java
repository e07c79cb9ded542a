package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Channel;

/**
 * An {@link Outlet} that takes a run of values at once, as {@link WorkerOut} hands them on: a
 * {@link Channel}, a {@link Tee} whose branches all take runs, and a {@link FanIn}'s writers. A run
 * is the same as that many single sends, in order, with their waits and wake-ups shared.
 *
 * <p>Invariants (of every implementation): a run never reorders its values, nor interleaves them
 * with another sender's run at any one consumer; {@link #runCapacity()} does not change.
 */
public interface RunOutlet {

    /**
     * {@code outlet} as one that takes runs: a channel's run side, a tee or a fan-in writer itself;
     * null if it takes none.
     */
    static RunOutlet of(Outlet<?> outlet) {
        if (outlet instanceof Channel<?> channel) {
            return Access.API.runs(channel);
        }
        return outlet instanceof RunOutlet runs ? runs : null;
    }

    /**
     * The longest run to hold for this outlet: at most the smallest buffer it feeds, so that a run
     * never waits on one consumer for room that another consumer's run would free (0: send each
     * value alone, as into an unbuffered channel).
     */
    int runCapacity();

    /**
     * Sends {@code items[0 .. n)} as that many {@link Outlet#send} calls would; throws as they do.
     */
    void sendRun(Object[] items, int n);

    /**
     * Sends {@code items[0 .. n)} as that many {@link Outlet#sendOrClosed} calls would, leaving the
     * array as it is; false once the outlet is closed (the rest are dropped).
     */
    boolean sendRunOrClosed(Object[] items, int n);

    /** Whether the pipeline keeps statistics of what this outlet sends to. */
    default boolean observed() {
        return false;
    }
}
