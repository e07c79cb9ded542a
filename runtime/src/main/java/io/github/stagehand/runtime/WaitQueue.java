package io.github.stagehand.runtime;

/**
 * A FIFO of {@link Waiter}s, guarded by the owning channel's lock: Go's {@code waitq}.
 *
 * <p>Invariants: {@code head == null} iff {@code tail == null}; every queued waiter is {@code
 * WAITING}.
 */
final class WaitQueue {
    private Waiter head;
    private Waiter tail;

    void add(Waiter waiter) {
        if (tail == null) {
            head = waiter;
        } else {
            tail.next = waiter;
        }
        tail = waiter;
    }

    /** Removes and returns the oldest waiter, or null. */
    Waiter poll() {
        Waiter first = head;
        if (first != null) {
            head = first.next;
            if (head == null) {
                tail = null;
            }
            first.next = null;
        }
        return first;
    }

    /** Removes {@code waiter} if it is queued here. */
    void remove(Waiter waiter) {
        Waiter previous = null;
        for (Waiter w = head; w != null; previous = w, w = w.next) {
            if (w == waiter) {
                if (previous == null) {
                    head = w.next;
                } else {
                    previous.next = w.next;
                }
                if (tail == w) {
                    tail = previous;
                }
                w.next = null;
                return;
            }
        }
    }

    /** Completes every waiter as closed, and empties the queue. */
    void closeAll() {
        for (Waiter w = poll(); w != null; w = poll()) {
            w.item = null;
            w.state = Waiter.CLOSED;
            Parking.wake(w);
        }
    }

    /** Wakes every waiter, leaving it queued: each re-checks {@code done} itself. */
    void unparkAll() {
        for (Waiter w = head; w != null; w = w.next) {
            Parking.wake(w);
        }
    }
}
