package io.github.stagehand.runtime;

import io.github.stagehand.runtime.internal.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A clock for tests, whose time passes only when a run can do nothing but wait for it, as Go's
 * {@code testing/synctest} moves a bubble's clock. Give it to a run through the generated builder,
 * and a linger, a poller's period, a rate, a timed receive, a {@link Done#sleep} and the run's
 * deadline all wait on it:
 *
 * <pre>{@code
 * VirtualClock clock = new VirtualClock();
 * List<List<Row>> batches = ShipperPipeline.builder().clock(clock).run(rows);
 * assertEquals(Duration.ofSeconds(1), clock.elapsed()); // the last batch's linger, in no time
 * }</pre>
 *
 * <p>The threads of a run are its stage workers and the thread that started it, until that thread
 * waits for the run's end ({@code run(...)}, or {@code close()} of a started pipeline's output): so
 * a test consumes a started pipeline's output on the thread that started it. The clock moves when
 * every one of them waits in Stagehand (a send or receive that has to wait, a timed receive, {@code
 * Done.sleep}), and none has been woken: then it jumps to the earliest deadline any of them waits
 * for, or the earliest deadline of a run, and wakes what is due. A thread blocked anywhere else (in
 * I/O, {@link Thread#sleep}, a lock of its own) holds the clock still, as does one that runs. When
 * every thread waits and nothing is due ever, the run can never go on: it fails at once with an
 * {@link IllegalStateException} whose message holds its snapshot, who waits on whom. A deadlock
 * that would hang a test on the system clock fails it instead.
 *
 * <p>Runs on one clock share its time: a clock may serve one run after another (its time goes on
 * from where the last left it), or several at once (then it moves only when all of their threads
 * wait).
 *
 * <p>Invariants: {@code now} never decreases. {@code waiting} counts the waits in {@code waits}
 * whose thread is in {@code threads}. The clock moves only in {@link #settle}, with the lock held,
 * when every thread of {@code threads} waits and no wait is ready.
 */
public final class VirtualClock extends PipelineClock {

    private final ReentrantLock lock = new ReentrantLock();
    private volatile long now; // written with lock held
    private final Map<Thread, Integer> threads = new HashMap<>(); // guarded by lock: run threads
    private final Set<ClockWait> waits =
            Collections.newSetFromMap(new IdentityHashMap<>()); // guarded by lock
    private int waiting; // guarded by lock
    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(
                    Comparator.comparingLong((Task t) -> t.deadline)
                            .thenComparingLong(t -> t.order)); // guarded by lock
    private long scheduled; // guarded by lock: how many tasks were ever scheduled, for order
    private final List<Run> runs = new ArrayList<>(); // guarded by lock
    private boolean deadlockSuspected; // guarded by lock: a confirmation is scheduled

    /** A virtual clock at zero. */
    public VirtualClock() {}

    @Override
    public long nanoTime() {
        return now;
    }

    /** How much virtual time has passed since this clock was made. */
    public Duration elapsed() {
        return Duration.ofNanos(now);
    }

    @Override
    public String toString() {
        return "VirtualClock[" + elapsed() + "]";
    }

    /** A task due {@code delayNanos} from now; cancelled by running the answer. */
    @Override
    Runnable schedule(Runnable action, long delayNanos) {
        lock.lock();
        try {
            Task task = new Task(deadline(delayNanos), scheduled++, action);
            tasks.add(task);
            return () -> cancel(task);
        } finally {
            lock.unlock();
        }
    }

    private void cancel(Task task) {
        lock.lock();
        try {
            tasks.remove(task);
        } finally {
            lock.unlock();
        }
    }

    /** {@code thread} is one of a run's threads from now, until as many {@link #leave}s. */
    @Override
    void join(Thread thread) {
        lock.lock();
        try {
            threads.merge(thread, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code thread} is no longer one of a run's threads (once it has left as often as it came).
     */
    @Override
    void leave(Thread thread) {
        lock.lock();
        try {
            Integer count = threads.get(thread);
            if (count == null) {
                return;
            }
            if (count > 1) {
                threads.put(thread, count - 1);
                return;
            }
            threads.remove(thread);
            settle();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A run on this clock, to fail if it deadlocks: {@code snapshot} tells who waits on whom, and
     * {@code fail} fails the run. Running the answer forgets it.
     */
    @Override
    Runnable attach(String pipeline, Supplier<String> snapshot, Consumer<Throwable> fail) {
        Run run = new Run(pipeline, snapshot, fail);
        lock.lock();
        try {
            runs.add(run);
        } finally {
            lock.unlock();
        }
        return () -> {
            lock.lock();
            try {
                runs.remove(run);
            } finally {
                lock.unlock();
            }
        };
    }

    /** The calling thread begins {@code wait}. Then, maybe, time moves. */
    void waiting(ClockWait wait) {
        lock.lock();
        try {
            waits.add(wait);
            if (threads.containsKey(wait.thread)) {
                waiting++;
            }
            settle();
        } finally {
            lock.unlock();
        }
    }

    /** The calling thread ended {@code wait}, and runs again. */
    void running(ClockWait wait) {
        lock.lock();
        try {
            if (waits.remove(wait) && threads.containsKey(wait.thread)) {
                waiting--;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves the clock if nothing else can happen: every run thread waits, and none is ready. Then
     * time jumps to the earliest deadline, and the tasks and waits due run and wake; with no
     * deadline at all, the runs deadlocked and fail. Lock held.
     */
    private void settle() {
        if (waiting < threads.size()) {
            return; // someone runs, or is blocked where the clock cannot see
        }
        long next = ClockWait.NONE;
        for (ClockWait wait : waits) {
            if (wait.ready(now)) {
                return; // woken, and about to run
            }
            next = Math.min(next, wait.deadline);
        }
        Task first = tasks.peek();
        if (first != null) {
            next = Math.min(next, first.deadline);
        }
        if (next == ClockWait.NONE) {
            if (!threads.isEmpty() && !deadlockSuspected) {
                // confirmed elsewhere: the thread here is about to park, and a snapshot taken now
                // would show it on its way there instead of where it waits
                deadlockSuspected = true;
                Timer.schedule(this::confirmDeadlock, 0);
            }
            return;
        }
        now = Math.max(now, next);
        // the tasks close dones (a run's deadline): their waits then see them closed, and are ready
        while (!tasks.isEmpty() && tasks.peek().deadline <= now) {
            tasks.poll().action.run();
        }
        for (ClockWait wait : List.copyOf(waits)) {
            if (wait.deadline <= now) {
                wait.wake();
            }
        }
    }

    /**
     * On the timer thread, after {@link #settle} found every run thread waiting with nothing due:
     * once each of them has parked, and if that still holds (no thread outside the runs changed
     * anything meanwhile), fails every run on this clock with its snapshot.
     */
    private void confirmDeadlock() {
        for (int look = 0; ; look++) {
            lock.lock();
            try {
                if (!deadlocked()) {
                    deadlockSuspected = false;
                    return;
                }
                if (look >= 1000 || allParked()) {
                    deadlockSuspected = false;
                    for (Run run : List.copyOf(runs)) {
                        run.fail.accept(
                                new IllegalStateException(
                                        "deadlock at "
                                                + elapsed()
                                                + " on a VirtualClock: every thread of the run"
                                                + " waits, and nothing it waits for can come; who"
                                                + " waits on whom:\n"
                                                + run.snapshot.get()));
                    }
                    return;
                }
            } finally {
                lock.unlock();
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Whether every run thread waits, none is ready, and nothing is due, ever. Lock held. */
    private boolean deadlocked() {
        if (threads.isEmpty() || waiting < threads.size() || !tasks.isEmpty()) {
            return false;
        }
        for (ClockWait wait : waits) {
            if (wait.ready(now) || wait.deadline != ClockWait.NONE) {
                return false;
            }
        }
        return true;
    }

    /** Whether every waiting thread has parked. Lock held. */
    private boolean allParked() {
        for (ClockWait wait : waits) {
            if (wait.thread.getState() != Thread.State.WAITING) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code nanos} (not negative) from now on this clock, or {@link ClockWait#NONE} if that never
     * comes: the deadline of a timed wait or a task.
     */
    long deadline(long nanos) {
        long at = now;
        return nanos >= ClockWait.NONE - at ? ClockWait.NONE : at + nanos;
    }

    /** Something to do at {@code deadline}: a run's deadline closing its {@code done}. */
    private record Task(long deadline, long order, Runnable action) {}

    /** A run to fail on a deadlock. */
    private record Run(String pipeline, Supplier<String> snapshot, Consumer<Throwable> fail) {}
}
