package io.github.stagehand.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-shot broadcast: Go's {@code done := make(chan struct{})} and {@code close(done)}. Closing
 * it wakes every send and receive of the channels bound to it, at once, however many there are. It
 * also plays the part of a Go {@code context}: it may have a parent, whose closing closes it, and a
 * deadline, whose passing closes it, and it keeps the cause it was closed with.
 *
 * <pre>{@code
 * try (Done done = new Done(parent, Instant.now().plusSeconds(5))) {
 *     Channel<String> paths = new Channel<>(0, done);
 *     ...
 * }                                            // defer close(done)
 * }</pre>
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>{@code closed} goes from false to true once and never back; {@code cause} is written before
 *       {@code closed} and never after.
 *   <li>Every listener registered before closing runs exactly once, after {@code closed} is true,
 *       on the closing thread and outside {@code lock}; a listener registered after closing runs at
 *       once on the registering thread.
 *   <li>{@code listeners} is null once closed.
 * </ul>
 */
public final class Done implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closedSignal = lock.newCondition();
    private volatile boolean closed;
    private volatile Throwable cause;
    private List<Runnable> listeners = new ArrayList<>(); // guarded by lock
    private final Runnable parentLink;
    private final Runnable deadlineTimer; // cancels the deadline's task, or null

    /** The delay of a {@code done} without a deadline. */
    static final long NO_DEADLINE = -1;

    private final PipelineClock clock;

    /** An open {@code done} with no parent and no deadline. */
    public Done() {
        this(null, null);
    }

    /**
     * An open {@code done} that also closes when {@code parent} closes (with the parent's cause) or
     * when {@code deadline} passes (with a {@link TimeoutException} as the cause).
     *
     * @param parent the parent signal, or null
     * @param deadline when to close, or null for never
     */
    public Done(Done parent, Instant deadline) {
        this(
                parent,
                deadline == null
                        ? NO_DEADLINE
                        : Math.max(0, saturatedNanos(Duration.between(Instant.now(), deadline))),
                deadline == null ? null : "deadline " + deadline + " passed",
                parent != null ? parent.clock : PipelineClock.system());
    }

    /**
     * As {@link #Done(Done, Instant)}, on {@code clock}: a run's own {@code done}, which closes
     * {@code delayNanos} from now on that clock (never if {@link #NO_DEADLINE}), with a {@link
     * TimeoutException} saying {@code why}.
     */
    Done(Done parent, long delayNanos, String why, PipelineClock clock) {
        this.clock = clock;
        if (parent != null) {
            Runnable onParentClosed = () -> close(parentCause(parent));
            parent.onClose(onParentClosed);
            parentLink = () -> parent.removeListener(onParentClosed);
        } else {
            parentLink = null;
        }
        if (delayNanos != NO_DEADLINE && !closed) {
            deadlineTimer = clock.schedule(() -> close(new TimeoutException(why)), delayNanos);
        } else {
            deadlineTimer = null;
        }
    }

    private static Throwable parentCause(Done parent) {
        Throwable cause = parent.cause();
        return cause != null ? cause : new CancellationException("parent done closed");
    }

    /**
     * The clock this {@code done}'s run reads and waits on: its timed receives, {@link #sleep}, its
     * batches' linger. The system's unless the run was given one ({@link PipelineClock}); a child
     * {@code done} has its parent's.
     */
    public PipelineClock clock() {
        return clock;
    }

    /** Whether this is closed. A plain volatile read: cheap enough for every loop iteration. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Why this was closed: the failure, the parent's cause, or the {@link TimeoutException} of a
     * deadline; null while open and when it was closed without a cause (by its owner).
     */
    public Throwable cause() {
        return cause;
    }

    /** Closes this without a cause, as the owner does on the way out. Closing twice is harmless. */
    @Override
    public void close() {
        closeWith(null);
    }

    /**
     * Closes this with {@code cause} unless it is closed already.
     *
     * @return true if this call closed it, and so set the cause
     */
    public boolean close(Throwable cause) {
        return closeWith(cause);
    }

    private boolean closeWith(Throwable why) {
        List<Runnable> toRun;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            cause = why;
            closed = true;
            toRun = listeners;
            listeners = null;
            closedSignal.signalAll();
        } finally {
            lock.unlock();
        }
        if (deadlineTimer != null) {
            deadlineTimer.run();
        }
        if (parentLink != null) {
            parentLink.run();
        }
        for (Runnable listener : toRun) {
            listener.run();
        }
        return true;
    }

    /** Waits until this is closed. */
    public void await() throws InterruptedException {
        if (clock instanceof VirtualClock virtual) {
            awaitVirtual(virtual, ClockWait.NONE);
            return;
        }
        lock.lock();
        try {
            while (!closed) {
                closedSignal.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until this is closed or {@code timeout} has passed on {@link #clock()}.
     *
     * @return whether this is closed
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = saturatedNanos(timeout);
        if (clock instanceof VirtualClock virtual) {
            return awaitVirtual(virtual, virtual.deadline(nanos));
        }
        lock.lock();
        try {
            while (!closed && nanos > 0) {
                nanos = closedSignal.awaitNanos(nanos);
            }
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sleeps for {@code duration} unless this closes first: Go's {@code select { case
     * <-time.After(d): case <-done: return }}. A stage that waits between sends (a poller, a retry)
     * sleeps here instead of in {@link Thread#sleep}, so that cancellation ends it at once, as it
     * ends a send:
     *
     * <pre>{@code
     * @Stage
     * static void poll(Out<Status> out, Done done, URI endpoint) {
     *     while (true) {
     *         out.send(fetch(endpoint));
     *         done.sleep(Duration.ofSeconds(5));     // ends the stage once done closes
     *     }
     * }
     * }</pre>
     *
     * <p>It waits on {@link #clock()}, the run's clock (the system's monotonic clock unless the run
     * was given another), and returns no sooner than {@code duration} after the call on that clock.
     * A duration too long to count in nanoseconds (about 292 years) waits as long as that.
     *
     * @throws CancelledException when this is closed at the call (even for a zero duration) or
     *     closes during the sleep, and when the thread is interrupted during the sleep (or before a
     *     sleep that has to wait): the interrupt then closes this with an {@link
     *     InterruptedException} as its cause, if it was still open, and the thread keeps its
     *     interrupt status, as with a send that waits
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public void sleep(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        long nanos = saturatedNanos(duration);
        InterruptedException interrupt = null;
        if (clock instanceof VirtualClock virtual) {
            try {
                awaitVirtual(virtual, virtual.deadline(nanos));
            } catch (InterruptedException e) {
                interrupt = e;
            }
        } else {
            lock.lock();
            try {
                // awaitNanos answers the time left by System.nanoTime: at 0 or below the full
                // duration has passed, so the sleep never ends early
                while (!closed && nanos > 0) {
                    nanos = closedSignal.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                interrupt = e;
            } finally {
                lock.unlock();
            }
        }
        if (interrupt != null) {
            Thread.currentThread().interrupt(); // the caller's own interrupt, kept for it to see
            close(interrupt); // outside the lock: closing runs the listeners
            throw CancelledException.INSTANCE;
        }
        if (closed) {
            throw CancelledException.INSTANCE;
        }
    }

    /**
     * Waits until this closes or {@code deadline} comes on {@code clock}, as one of the waits that
     * the clock counts; answers whether this closed. A wait with no deadline that is past at the
     * call returns at once.
     */
    private boolean awaitVirtual(VirtualClock clock, long deadline) throws InterruptedException {
        DoneWait wait = new DoneWait(deadline);
        clock.waiting(wait);
        lock.lock();
        try {
            while (!closed && clock.nanoTime() < deadline) {
                closedSignal.await(); // the clock signals it when the deadline comes
            }
            return closed;
        } finally {
            lock.unlock();
            clock.running(wait);
        }
    }

    /** A thread's wait in {@link #awaitVirtual}. */
    private final class DoneWait extends ClockWait {
        DoneWait(long deadline) {
            super(deadline);
        }

        @Override
        boolean ready(long now) {
            return closed || now >= deadline || thread.isInterrupted();
        }

        @Override
        void wake() {
            lock.lock();
            try {
                closedSignal.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** {@code duration} in nanoseconds, or {@link Long#MAX_VALUE} if it is too long to count so. */
    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Runs {@code listener} once this closes, on the closing thread; at once if it is closed
     * already. Listeners must be quick and must not block: channels use this to wake their waiters.
     */
    public void onClose(Runnable listener) {
        lock.lock();
        try {
            if (!closed) {
                listeners.add(listener);
                return;
            }
        } finally {
            lock.unlock();
        }
        listener.run();
    }

    /** Forgets a listener that has not run yet, so a long-lived parent does not keep it. */
    void removeListener(Runnable listener) {
        lock.lock();
        try {
            if (listeners != null) {
                listeners.remove(listener);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return closed ? "Done[closed, cause=" + cause + "]" : "Done[open]";
    }
}
