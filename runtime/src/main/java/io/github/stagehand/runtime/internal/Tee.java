package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Go's tee, or broadcast: one output consumed by several stages, each of which receives every
 * value, exactly once, in the order sent. The generated code gives the producing stage a tee over
 * its consumers' input channels, one branch each:
 *
 * <pre>{@code
 * Channel<Entry> splitIn = scope.channel(parseBuffer);
 * Channel<Entry> totalIn = scope.channel(parseBuffer);
 * parse(scope, parseIn, new Tee<>(scope.done(), splitIn, totalIn)); // tee: every consumer gets every value
 * }</pre>
 *
 * <p>A {@link #send} hands the value to each branch in turn, in branch order, through {@link
 * Outlet#sendOrClosed}, and returns once every branch has it: the slowest branch sets the pace
 * (backpressure), and nothing is held beyond the branches' own buffers. A branch whose consumer
 * ended early (it closed its input to leave) answers false; it has left, and the tee skips it from
 * then on while the others go on. Once every branch has left, sends are dropped: a send returns at
 * once and {@link #sendOrClosed} answers false.
 *
 * <p>The workers of one stage share its tee; their sends take turns under a lock, so that every
 * branch receives the values in one and the same order. A waiting sender holds the lock while it
 * waits on a branch; the others wait for the lock ({@link ReentrantLock}, which parks a virtual
 * thread without pinning its carrier). With one branch there is nothing to order, and a send goes
 * straight to it without the lock.
 *
 * <p>When {@code done} closes, a sender waiting on a branch wakes and throws {@link
 * CancelledException}, releasing the lock; each sender waiting for the lock then takes it in turn,
 * finds {@code done} closed and throws the same, so none blocks for good. A sender interrupted
 * while it waits for the lock closes {@code done} with an {@link InterruptedException} as cause,
 * keeps its interrupt status and throws the signal, as a channel's waiting send does; the tee is
 * given {@code done} for this, and for ending a stage whose sends are being dropped. A send that
 * finds the lock free goes ahead whatever the interrupt status.
 *
 * <p>Invariants: {@code left[i]} goes from false to true once, under {@code lock}, exactly when
 * branch {@code i} answered false, and branch {@code i} is offered nothing after that; {@code live}
 * is the number of false entries in {@code left}; at most one thread at a time sends to the
 * branches of a tee of two or more (the holder of {@code lock}).
 *
 * @param <T> the element type; elements are never null
 */
public final class Tee<T> implements Outlet<T>, RunOutlet {
    private final Done done;
    private final Outlet<T>[] branches;
    private final RunOutlet[] runs; // each branch's run side, or null where it takes none
    private final ReentrantLock lock; // null with a single branch, which needs no ordering
    private final boolean[] left; // guarded by lock
    private int live; // guarded by lock
    private final int runCapacity;
    private final boolean observed; // a branch keeps statistics: count each send once, here

    /**
     * A tee over {@code branches}, in the order each send visits them, cancelled by {@code done}.
     *
     * @throws IllegalArgumentException if there is no branch
     */
    @SafeVarargs
    public Tee(Done done, Outlet<T>... branches) {
        this(done, List.of(branches));
    }

    /**
     * A tee over {@code branches}, in list order, cancelled by {@code done}.
     *
     * @throws IllegalArgumentException if the list is empty
     */
    public Tee(Done done, List<? extends Outlet<T>> branches) {
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a tee needs at least one branch");
        }
        this.done = Objects.requireNonNull(done, "done");
        @SuppressWarnings("unchecked") // only ever holds Outlet<T>s
        Outlet<T>[] copy = branches.toArray(new Outlet[0]);
        this.branches = copy;
        this.lock = copy.length > 1 ? new ReentrantLock() : null;
        this.left = new boolean[copy.length];
        this.live = copy.length;
        this.runs = new RunOutlet[copy.length];
        int capacity = WorkerIn.RUN;
        boolean anyObserved = false;
        for (int i = 0; i < copy.length; i++) {
            RunOutlet r = RunOutlet.of(copy[i]);
            runs[i] = r;
            capacity = Math.min(capacity, r != null ? r.runCapacity() : 0);
            anyObserved |= r != null && r.observed();
        }
        this.runCapacity = capacity;
        this.observed = anyObserved && copy.length > 1;
    }

    /**
     * Sends {@code value} to every branch that has not left; drops it when none is left.
     *
     * @throws NullPointerException if {@code value} is null, naming the sending thread
     * @throws CancelledException when {@code done} is or becomes closed, or the thread is
     *     interrupted while it waits (for a branch or for another sender)
     */
    @Override
    public void send(T value) {
        sendOrClosed(value);
    }

    /**
     * Sends {@code value} as {@link #send} does.
     *
     * @return true if at least one branch took it, false if every branch has left
     */
    @Override
    public boolean sendOrClosed(T value) {
        if (value == null) {
            throw Access.API.nullSent();
        }
        if (lock == null) {
            return sendAlone(value);
        }
        WorkerStats worker = observed ? WorkerStats.current() : null;
        if (worker != null) {
            return sendCounted(value, worker);
        }
        lockForSend();
        try {
            return sendToLive(value);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #sendOrClosed} for a worker that keeps statistics: a wait for the lock is a wait to
     * send, and the value counts once as sent, not once per branch.
     */
    private boolean sendCounted(T value, WorkerStats worker) {
        lockForSend(worker);
        worker.enterTee();
        boolean took;
        try {
            took = sendToLive(value);
        } finally {
            worker.exitTee();
            lock.unlock();
        }
        if (took) {
            worker.sent(1);
        }
        return took;
    }

    /**
     * The single-branch path, no lock: the branch itself remembers that it was closed, and a closed
     * branch still throws the cancellation signal once {@code done} is closed.
     */
    private boolean sendAlone(T value) {
        if (branches[0].sendOrClosed(value)) {
            return true;
        }
        if (done.isClosed()) {
            throw Access.CANCELLED; // whatever the branch is, a dropped send ends here
        }
        return false;
    }

    /**
     * Takes the lock that orders the senders of a tee of several branches. A sender interrupted
     * while it waits for it closes {@code done} with the interrupt as cause, keeps its interrupt
     * status and throws the cancellation signal, as a channel's waiting send does.
     */
    private void lockForSend() {
        lockForSend(null);
    }

    /** {@link #lockForSend()}, a wait for the lock timed as a wait to send in {@code worker}. */
    private void lockForSend(WorkerStats worker) {
        if (!lock.tryLock()) {
            if (worker != null) {
                worker.beginWait(true, this);
                try {
                    lockInterruptibly();
                } finally {
                    worker.endWait();
                }
                return;
            }
            lockInterruptibly();
        }
    }

    private void lockInterruptibly() {
        // on a virtual clock, a wait the clock counts: the holder waits on a branch meanwhile
        Runnable running = Access.API.waiting(done, () -> !lock.isLocked());
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.close(e);
            throw Access.CANCELLED;
        } finally {
            if (running != null) {
                running.run();
            }
        }
    }

    /** Precondition: lock held. Offers {@code value} to each branch still live, in order. */
    private boolean sendToLive(T value) {
        if (done.isClosed()) {
            // a sender that waited for the lock while done closed, or one whose sends are dropped
            throw Access.CANCELLED;
        }
        for (int i = 0; i < branches.length && live > 0; i++) {
            if (!left[i] && !branches[i].sendOrClosed(value)) {
                left[i] = true; // its consumer left: offer it nothing more
                live--;
            }
        }
        return live > 0;
    }

    /** The smallest run any branch takes: 0 if one of them takes none (an unbuffered channel). */
    @Override
    public int runCapacity() {
        return runCapacity;
    }

    /** Sends the run to every branch that has not left, as that many {@link #send}s would. */
    @Override
    public void sendRun(Object[] items, int n) {
        sendRunOrClosed(items, n);
    }

    /**
     * Sends the run to each branch that has not left, in branch order, under the lock once for the
     * whole run, so that every branch receives it whole and in the same order.
     *
     * @return true if at least one branch took it, false if every branch has left
     */
    @Override
    public boolean sendRunOrClosed(Object[] items, int n) {
        if (lock == null) {
            if (runs[0].sendRunOrClosed(items, n)) {
                return true;
            }
            if (done.isClosed()) {
                throw Access.CANCELLED;
            }
            return false;
        }
        WorkerStats worker = observed ? WorkerStats.current() : null;
        lockForSend(worker);
        if (worker != null) {
            worker.enterTee();
        }
        boolean took;
        try {
            if (done.isClosed()) {
                throw Access.CANCELLED;
            }
            for (int i = 0; i < branches.length && live > 0; i++) {
                if (!left[i] && !runs[i].sendRunOrClosed(items, n)) {
                    left[i] = true; // its consumer left: offer it nothing more
                    live--;
                }
            }
            took = live > 0;
        } finally {
            if (worker != null) {
                worker.exitTee();
            }
            lock.unlock();
        }
        if (worker != null && took) {
            worker.sent(n);
        }
        return took;
    }

    @Override
    public boolean observed() {
        return observed;
    }

    /** The tee as snapshots and events name it: the channels it sends to. */
    String name() {
        StringBuilder name = new StringBuilder("the tee to ");
        for (int i = 0; i < branches.length; i++) {
            name.append(i == 0 ? "" : ", ")
                    .append(
                            branches[i] instanceof Channel<?> c
                                    ? Access.API.name(c)
                                    : branches[i].toString());
        }
        return name.toString();
    }

    /** Closes every branch, in order: {@code defer close(out)} for each consumer. */
    @Override
    public void close() {
        for (Outlet<T> branch : branches) {
            branch.close();
        }
    }

    @Override
    public String toString() {
        return "Tee[branches=" + branches.length + "]";
    }
}
