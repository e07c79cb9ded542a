package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fan-out that keeps input order at the output: the workers of an {@code ordered} stage take
 * numbered inputs from one channel, work in parallel, and send their results in input order. A
 * worker that finishes early waits for its turn holding only its own results, so memory stays
 * bounded by the workers plus the channel buffers, however uneven the work.
 *
 * <pre>{@code
 * OrderedMerge<Integer, Integer> order = new OrderedMerge<>(in, out, done, workers);
 * for (int w = 0; w < workers; w++) {
 *     scope.fork("sq", w, () -> {
 *         OrderedMerge<Integer, Integer>.Lane lane = order.lane();
 *         try {
 *             for (Integer n; (n = lane.receive()) != null; ) {
 *                 lane.send(Squares.sq(n));
 *                 lane.release();              // wait for this input's turn, then forward
 *             }
 *         } finally {
 *             order.workerDone();              // the last worker closes out
 *         }
 *     });
 * }
 * }</pre>
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Inputs are numbered 0, 1, 2, ... in the order {@code in} delivers them ({@code nextIn},
 *       guarded by {@code receiveLock}, which is held across the receive).
 *   <li>{@code nextOut} (guarded by {@code turnLock}) is the number of the input whose results go
 *       out next; only the lane holding that number sends, and it sends without holding {@code
 *       turnLock}, so that {@code done}'s listener never waits behind a blocked send.
 * </ul>
 *
 * @param <I> the input element type
 * @param <O> the output element type
 */
public final class OrderedMerge<I, O> {
    private final In<I> in;
    private final Out<O> out;
    private final Done done;
    private final Merge merge;
    private final ReentrantLock receiveLock = new ReentrantLock();
    private long nextIn; // guarded by receiveLock
    private final ReentrantLock turnLock = new ReentrantLock();
    private final Condition turnChanged = turnLock.newCondition();
    private long nextOut; // guarded by turnLock
    private final boolean observed; // the pipeline keeps statistics: time the waits for a turn

    /**
     * Orders the results of {@code workers} workers reading {@code in} and sending to {@code out}
     * (a channel, or a tee's or fan-in's outlet), which the last worker to end closes.
     */
    public OrderedMerge(In<I> in, Outlet<O> out, Done done, int workers) {
        this(in, out, done, new Merge(workers, out));
    }

    private OrderedMerge(In<I> in, Out<O> out, Done done, Merge merge) {
        this.in = in;
        this.out = out;
        this.done = done;
        this.merge = merge;
        this.observed = in instanceof Channel<?> c && RunOutlet.of(c).observed();
        done.onClose(this::wakeAll);
    }

    /**
     * An ordered stage of a pipeline graph: as the constructor, sending to the outlet {@code out},
     * and the last worker to end also closes {@code in}, so that a stage that ends leaves its input
     * (its upstream then stops sending to it).
     */
    public static <I, O> OrderedMerge<I, O> leaving(
            Channel<I> in, Outlet<O> out, Done done, int workers) {
        return new OrderedMerge<>(in, out, done, new Merge(workers, in, out));
    }

    /** A worker's view: one per worker thread. */
    public Lane lane() {
        return new Lane();
    }

    /** Called by each worker on its way out; the last one closes the output channel. */
    public void workerDone() {
        merge.workerDone();
    }

    private void wakeAll() {
        turnLock.lock();
        try {
            turnChanged.signalAll();
        } finally {
            turnLock.unlock();
        }
    }

    private static CancelledException interrupted(Done done, InterruptedException e) {
        done.close(e);
        Thread.currentThread().interrupt();
        return Access.CANCELLED;
    }

    /**
     * One worker's turnstile: it receives a numbered input, collects that input's results and
     * forwards them when the input's turn comes. Not shared between threads.
     */
    public final class Lane implements Out<O> {
        private final List<O> pending = new ArrayList<>();
        private long number = -1;

        private Lane() {}

        /** Receives the next input and takes its number; null once the input is drained. */
        public I receive() {
            if (!receiveLock.tryLock()) {
                WorkerStats worker = observed ? WorkerStats.current() : null;
                if (worker != null) {
                    worker.beginWait(false, in); // another worker takes its input first
                }
                try {
                    receiveLock.lockInterruptibly();
                } catch (InterruptedException e) {
                    throw interrupted(done, e);
                } finally {
                    if (worker != null) {
                        worker.endWait();
                    }
                }
            }
            try {
                I value = in.receive();
                if (value != null) {
                    number = nextIn++;
                }
                return value;
            } finally {
                receiveLock.unlock();
            }
        }

        /** Holds a result of the current input until its turn. */
        @Override
        public void send(O value) {
            if (value == null) {
                throw Access.API.nullSent();
            }
            pending.add(value);
        }

        /** Waits for the current input's turn, forwards its results, and passes the turn on. */
        public void release() {
            awaitTurn();
            for (O value : pending) {
                out.send(value);
            }
            pending.clear();
            turnLock.lock();
            try {
                nextOut++;
                turnChanged.signalAll();
            } finally {
                turnLock.unlock();
            }
        }

        /**
         * Waits until every earlier input's results have gone. In a run's statistics this counts as
         * busy time, not as a wait: the stage waits for its own work, not for a neighbour.
         */
        private void awaitTurn() {
            Runnable running = null; // on a virtual clock: how this wait ends there
            turnLock.lock();
            try {
                while (nextOut != number) {
                    if (done.isClosed()) {
                        throw Access.CANCELLED;
                    }
                    if (running == null) {
                        // the clock's lock is never taken under turnLock: done's listener takes
                        // turnLock, and the clock may close done
                        turnLock.unlock();
                        try {
                            running = Access.API.waiting(done, this::turnCame);
                        } finally {
                            turnLock.lock();
                        }
                        if (running == null) {
                            running = () -> {};
                        }
                        continue;
                    }
                    try {
                        turnChanged.await();
                    } catch (InterruptedException e) {
                        throw interrupted(done, e);
                    }
                }
            } finally {
                turnLock.unlock();
                if (running != null) {
                    running.run();
                }
            }
        }

        /**
         * For a virtual clock, whether this worker's turn came; true while another thread holds
         * {@code turnLock}, which is running and will be counted again when it waits.
         */
        private boolean turnCame() {
            if (!turnLock.tryLock()) {
                return true;
            }
            try {
                return nextOut == number;
            } finally {
                turnLock.unlock();
            }
        }
    }
}
