package io.github.stagehand.runtime;

/**
 * A thread waiting on a {@link Channel}: Go's {@code sudog}. A sender's carries the value it
 * offers; a receiver's gets the value handed to it. The partner that completes it writes {@code
 * item} before the volatile {@code state}; the owner reads {@code state} before {@code item}.
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

    Waiter(Object item) {
        this.item = item;
    }
}
