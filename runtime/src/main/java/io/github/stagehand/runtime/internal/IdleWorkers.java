package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Done;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The workers of one map or flat stage that share an input channel, and which of them stand idle. A
 * worker that finds the channel empty while another worker of its stage is active steps aside here
 * instead of waiting on the channel; it is called back when an active worker takes a run and leaves
 * elements behind (more work than the active workers take at once), when the input ends, or when a
 * worker leaves. So a stage whose input comes slower than one worker handles it keeps one worker
 * waiting on the channel, not all of them: a sender wakes one thread when the channel fills again,
 * not one per element, and the workers take runs instead of an element each
 * (docs/adr/0023-fusion.md). When elements come faster, idle workers are called back one at a time,
 * each once a run has been taken and more were left.
 *
 * <pre>{@code
 * // in WorkerIn's refill, for each of the stage's workers
 * int n = pollRun(channel, run, idle.active());
 * IdleWorkers.Worker me = n == 0 ? idle.stepAside() : null;
 * if (me != null) idle.await(me, done, channel);      // another worker is active: stand idle
 * }</pre>
 *
 * <p>Invariants (under {@code lock}): {@code 1 <= active} until every worker has left or the input
 * has ended, so that one worker at least takes from the channel or waits on it; {@code idle} holds
 * exactly the workers that stepped aside and were not called back, oldest first; once {@code
 * ended}, nobody steps aside again.
 */
public final class IdleWorkers {
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Worker> idle = new ArrayDeque<>(); // guarded by lock
    private int active; // guarded by lock for writes; read without it as a hint
    private volatile int idleCount; // idle.size(), written under lock, read without it
    private boolean ended; // guarded by lock
    // whether the stage's calls are short: only then do workers step aside (see sampled)
    private volatile boolean shortCalls;

    /** The stage's {@code workers} workers, all active to begin with. */
    public IdleWorkers(int workers) {
        this.active = workers;
    }

    /** One idle worker's place: called back once, by another thread. */
    static final class Worker {
        final Thread thread = Thread.currentThread();
        volatile boolean called;
    }

    /** How many workers take from the channel or wait on it: a hint, read without the lock. */
    int active() {
        return Math.max(1, active);
    }

    /**
     * Called by a worker that found the channel empty: its place among the idle if it is to stand
     * idle (another worker of its stage is active and the input has not ended), null if it is to
     * wait on the channel itself.
     */
    Worker stepAside() {
        if (!shortCalls) {
            return null;
        }
        lock.lock();
        try {
            if (ended || active <= 1) {
                return null;
            }
            active--;
            Worker me = new Worker();
            idle.add(me);
            idleCount = idle.size();
            return me;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stands the calling worker idle, after {@link #stepAside}, until it is called back. When
     * {@code done} closes, or the worker is interrupted (closing {@code done}, as a channel wait
     * does), throws the cancellation signal.
     */
    void await(Worker me, Done done, Object on) {
        if (me.called) {
            return;
        }
        WorkerStats stats = WorkerStats.current();
        if (stats != null) {
            stats.beginWait(false, on); // timed as waiting for input, which it is
        }
        // on a virtual clock, a wait the clock counts, which ends once called back
        Runnable running = Access.API.waiting(done, () -> me.called);
        try {
            while (!me.called) {
                if (done.isClosed()) {
                    leaveIdle(me);
                    throw Access.CANCELLED;
                }
                if (Thread.currentThread().isInterrupted()) {
                    leaveIdle(me);
                    done.close(new InterruptedException("interrupted while standing idle"));
                    throw Access.CANCELLED;
                }
                LockSupport.park(this);
            }
        } finally {
            if (running != null) {
                running.run();
            }
            if (stats != null) {
                stats.endWait();
            }
        }
    }

    /**
     * A worker's time per element over one run it took (its calls and its sends): workers step
     * aside only while the stage's elements take less than {@link #SHORT_NANOS} each; one run
     * slower than {@link #LONG_NANOS} an element calls every idle worker back, so that a stage
     * whose calls turn long has all its workers waiting on the input again, as without this class.
     */
    void sampled(long nanosPerElement) {
        if (nanosPerElement > LONG_NANOS) {
            if (shortCalls) {
                shortCalls = false;
                callAll(false, false);
            }
        } else if (nanosPerElement < SHORT_NANOS && !shortCalls) {
            shortCalls = true;
        }
    }

    /** Below this a stage's elements are short: its workers may step aside. */
    static final long SHORT_NANOS = 5_000;

    /** Above this they are long: every worker waits on the input itself. */
    static final long LONG_NANOS = 20_000;

    /**
     * How many elements a channel buffers when a send calls an idle worker back: the active ones
     * are busy (a long call, say) while elements wait.
     */
    public static final int CALL_AT = WorkerIn.RUN / 4;

    /**
     * Calls one idle worker back, if there is one: more work than the active workers take. Called
     * by a worker that left elements behind in a run, and by a send that found {@link #CALL_AT}
     * elements buffered.
     */
    public void callOne() {
        if (idleCount == 0) {
            return;
        }
        Worker worker;
        lock.lock();
        try {
            worker = idle.poll();
            idleCount = idle.size();
            if (worker != null) {
                active++;
            }
        } finally {
            lock.unlock();
        }
        wake(worker);
    }

    /** The input has ended: calls every idle worker back to see it, and lets none step aside. */
    void ended() {
        callAll(true, false);
    }

    /**
     * A worker leaves (its loop ended, or threw): if it was the last active one, the idle ones must
     * take over, so all are called back.
     */
    void left() {
        callAll(false, true);
    }

    private void callAll(boolean end, boolean leaving) {
        ArrayDeque<Worker> called;
        lock.lock();
        try {
            if (end) {
                ended = true;
            }
            if (leaving) {
                active--;
            }
            called = new ArrayDeque<>(idle);
            active += idle.size();
            idle.clear();
            idleCount = 0;
        } finally {
            lock.unlock();
        }
        called.forEach(IdleWorkers::wake);
    }

    private static void wake(Worker worker) {
        if (worker != null) {
            worker.called = true;
            LockSupport.unpark(worker.thread);
        }
    }

    /** An idle worker that stops waiting without being called back (cancelled) leaves the idle. */
    private void leaveIdle(Worker me) {
        lock.lock();
        try {
            if (idle.remove(me)) {
                active++;
                idleCount = idle.size();
            }
        } finally {
            lock.unlock();
        }
    }
}
