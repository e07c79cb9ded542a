package io.github.stagehand.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * One thread's wait in Stagehand on a {@link VirtualClock}: a send or receive that has to wait, a
 * timed receive, a {@link Done#sleep}. The clock lets its time pass only while every thread of its
 * runs is in such a wait and none of them is about to go on ({@link #ready}).
 */
abstract class ClockWait {
    /** The deadline of a wait that has none. */
    static final long NONE = Long.MAX_VALUE;

    final Thread thread = Thread.currentThread();

    /** When, on the clock, the wait ends by itself; {@link #NONE} if it does not. */
    final long deadline;

    ClockWait(long deadline) {
        this.deadline = deadline;
    }

    /**
     * Whether the thread would go on if it looked now: its partner came, its {@code done} closed,
     * it was interrupted, or its deadline is due at {@code now}. Called with the clock's lock held;
     * must not block.
     */
    abstract boolean ready(long now);

    /** Wakes the thread to look again, its deadline being due: by default, an unpark. */
    void wake() {
        LockSupport.unpark(thread);
    }
}
