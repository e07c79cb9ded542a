package io.github.stagehand.runtime;

/**
 * What a {@link Channel}'s lock guards, kept in the lock's own object: the buffer's indices, the
 * closed flag and the threads waiting to send or receive. Go's {@code hchan} keeps its lock with
 * these fields for the same reason: the thread that takes the lock finds them in the cache line it
 * has just taken, instead of fetching more lines from the core that last held it (on two carriers,
 * JMH rendezvous 1->1 10-17% faster than with the lock and two queues as three objects, the seed
 * pipeline with a buffer of 64 4-5%; docs/performance.md). The channel's read-only fields
 * (capacity, {@code done}, the buffer array) stay in {@link Channel}, whose line every core can
 * then keep.
 *
 * <p>The waiting threads form one FIFO, Go's {@code sudog} queue: {@code chan.go} keeps two, {@code
 * recvq} and {@code sendq}, of which at most one is ever non-empty, so here one queue holds either
 * senders or receivers, as {@code sending} says.
 *
 * <p>Invariants (all under the lock): {@code 0 <= count <= capacity} and {@code 0 <= head <
 * max(capacity, 1)}; {@code first == null} iff {@code last == null}; every queued {@link Waiter} is
 * {@code WAITING}, and all of them are senders if {@code sending}, receivers otherwise.
 */
final class ChannelState extends SpinLock {
    /** The slot of the oldest buffered element. */
    int head;

    /** How many elements are buffered. */
    int count;

    /** Whether the channel was closed (Go's {@code close(ch)}). */
    boolean closed;

    private Waiter first;
    private Waiter last;
    private boolean sending;

    /** Precondition: lock held, no receiver queued. Queues a sender. */
    void addSender(Waiter sender) {
        add(sender, true);
    }

    /** Precondition: lock held, no sender queued. Queues a receiver. */
    void addReceiver(Waiter receiver) {
        add(receiver, false);
    }

    /** Precondition: lock held. Removes and returns the oldest waiting sender, or null. */
    Waiter pollSender() {
        return sending ? poll() : null;
    }

    /** Precondition: lock held. The oldest waiting sender, left queued, or null. */
    Waiter peekSender() {
        return sending ? first : null;
    }

    /** Precondition: lock held. Removes and returns the oldest waiting receiver, or null. */
    Waiter pollReceiver() {
        return sending ? null : poll();
    }

    private void add(Waiter waiter, boolean sender) {
        if (last == null) {
            first = waiter;
            sending = sender;
        } else {
            last.next = waiter;
        }
        last = waiter;
    }

    private Waiter poll() {
        Waiter oldest = first;
        if (oldest != null) {
            first = oldest.next;
            if (first == null) {
                last = null;
            }
            oldest.next = null;
        }
        return oldest;
    }

    /** Precondition: lock held. Removes {@code waiter} if it is queued. */
    void remove(Waiter waiter) {
        Waiter previous = null;
        for (Waiter w = first; w != null; previous = w, w = w.next) {
            if (w == waiter) {
                if (previous == null) {
                    first = w.next;
                } else {
                    previous.next = w.next;
                }
                if (last == w) {
                    last = previous;
                }
                w.next = null;
                return;
            }
        }
    }

    /** Precondition: lock held. Completes every waiter as closed, and empties the queue. */
    void closeAll() {
        for (Waiter w = poll(); w != null; w = poll()) {
            w.item = null;
            w.state = Waiter.CLOSED;
            Parking.wake(w);
        }
    }

    /**
     * Precondition: lock held, {@code done} closed. Wakes every waiter, leaving it queued: each
     * re-checks {@code done} itself. A waiter that read {@code done} open may not have parked yet,
     * so each gets an unpark whether it has parked or not ({@link Parking#alert}).
     */
    /**
     * Whether {@code thread} waits in this channel's queue, and which way: "sending", "receiving",
     * or null if it is not queued here.
     */
    String waitOf(Thread thread) {
        for (Waiter w = first; w != null; w = w.next) {
            if (w.thread == thread) {
                return sending ? "sending" : "receiving";
            }
        }
        return null;
    }

    void unparkAll() {
        for (Waiter w = first; w != null; w = w.next) {
            Parking.alert(w);
        }
    }
}
