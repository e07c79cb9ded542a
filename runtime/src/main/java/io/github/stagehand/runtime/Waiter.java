package io.github.stagehand.runtime;

/**
 * A thread waiting on a {@link Channel}: Go's {@code sudog}. A sender's carries the value it
 * offers, or the rest of a run of values; a receiver's gets the value handed to it. The partner
 * that completes it writes {@code item} before the volatile {@code state}; the owner reads {@code
 * state} before {@code item}.
 */
final class Waiter {
    static final int WAITING = 0;
    static final int COMPLETED = 1;
    static final int CLOSED = 2;
    static final int CANCELLED = 3;

    final Thread thread = Thread.currentThread();
    Object item;
    volatile int state;
    // 1 while the owner may be parked and no waker has claimed it; kept on more than one carrier
    // only (see Parking)
    volatile int parked;
    Waiter next; // guarded by the channel's lock

    // A run sender's values, run[runNext .. runEnd): receivers move them into the buffer as room
    // frees, and complete the waiter once the last is in. Null for a single value (item).
    final Object[] run;
    int runNext; // guarded by the channel's lock
    final int runEnd;

    Waiter(Object item) {
        this.item = item;
        this.run = null;
        this.runEnd = 0;
    }

    /** A sender waiting to put {@code run[from .. to)} into a full buffer. */
    Waiter(Object[] run, int from, int to) {
        this.run = run;
        this.runNext = from;
        this.runEnd = to;
    }
}
