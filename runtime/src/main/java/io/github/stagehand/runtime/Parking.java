package io.github.stagehand.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Parks and wakes channel waiters, and knows how many threads that a channel woke are still waiting
 * for a carrier to run on. A waiter spins before it parks only while there are fewer of them than
 * carriers: each of the other carriers can take one, but once they are as many as the carriers, a
 * spin could only keep one of them, maybe the very partner it waits for, off this carrier. (The
 * JDK's {@code LinkedTransferQueue} asks whether its own carrier's queue is empty, a question that
 * is not public. Allowing no woken waiter at all, as this class first did, parked both threads of a
 * hand-off between two carriers where that queue spins: JMH rendezvous 1->1 ran at a half to a
 * fifth of the speed, docs/performance.md.)
 *
 * <p>On one carrier there is nothing to count, and a hand-off is cheaper without the {@code parked}
 * flag: the waker unparks the owner unconditionally, and an owner that parks after the wake-up
 * finds the permit it left and returns at once (seed pipeline +5-13%, docs/performance.md). An
 * unpark that comes after the owner moved on leaves a permit behind, and the owner's next park
 * returns early; every park here is in a loop that re-checks its condition.
 *
 * <p>Invariants: on more than one carrier, {@code woken} counts the waiters whose {@code parked}
 * flag a waker cleared and that have not yet returned from {@link LockSupport#park}. A waiter's
 * {@code parked} goes from 1 to 0 by exactly one compare-and-set per park: the waker's (who then
 * counts it and unparks) or the owner's own (a spurious or interrupted return, or a change seen
 * before parking).
 */
final class Parking {
    /**
     * How many carrier threads run virtual threads: the JDK scheduler's parallelism, by default one
     * per core. With one, a waiter's partner can only run once the waiter parks, so nothing spins
     * and {@code woken} is not kept.
     */
    static final int CARRIERS = carriers();

    private static final AtomicInteger woken = new AtomicInteger();
    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(Waiter.class, "parked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        // Link now the call sites that run only after a park returns. A chain of threads that all
        // park before any is woken (a long pipeline starting) gets park() compiled before anyone
        // has returned from it; an unlinked call site there compiles to a trap, and every parked
        // thread then deoptimizes on its way out (7,800 deoptimizations in a 100,000-stage chain).
        Waiter probe = new Waiter(null);
        probe.parked = 1;
        claim(probe);
        woke();
        running();
    }

    private Parking() {}

    private static int carriers() {
        Integer parallelism = Integer.getInteger("jdk.virtualThreadScheduler.parallelism");
        return parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Whether the woken waiters that have not run again are at least as many as the carriers: then
     * a spin would only delay one of them. Asked only on more than one carrier (on one, channels do
     * not spin).
     */
    static boolean carriersBusy() {
        return woken.get() >= CARRIERS;
    }

    /**
     * Called by the owner of {@code waiter}, lock not held: parks unless its state changed since
     * the caller last read it. Returns on a wake-up, a spurious return or an interrupt; the caller
     * re-checks.
     */
    static void park(Waiter waiter, Object blocker) {
        if (CARRIERS == 1) {
            LockSupport.park(blocker); // a wake-up since the caller's read left a permit
            return;
        }
        waiter.parked =
                1; // volatile: a waker that sets the state next sees it, or we see its state
        if (waiter.state != Waiter.WAITING) {
            if (!claim(waiter)) {
                running(); // a waker claimed us anyway; its unpark leaves a permit
            }
            return;
        }
        LockSupport.park(blocker);
        if (!claim(waiter)) {
            running(); // a waker claimed this park, and we are running again
        }
    }

    /**
     * As {@link #park}, returning after at most {@code nanos} too: a timed-out return is, to the
     * {@code parked} flag, a spurious one.
     */
    static void parkNanos(Waiter waiter, Object blocker, long nanos) {
        if (CARRIERS == 1) {
            LockSupport.parkNanos(blocker, nanos);
            return;
        }
        waiter.parked = 1; // volatile: as in park
        if (waiter.state != Waiter.WAITING) {
            if (!claim(waiter)) {
                running();
            }
            return;
        }
        LockSupport.parkNanos(blocker, nanos);
        if (!claim(waiter)) {
            running();
        }
    }

    /** A waker claimed a parked waiter (more than one carrier: on one, park and wake skip it). */
    private static void woke() {
        woken.incrementAndGet();
    }

    /** A woken waiter runs again (more than one carrier, as {@link #woke}). */
    private static void running() {
        woken.decrementAndGet();
    }

    /** Clears {@code waiter}'s parked flag; true if this call did. The one call site of the CAS. */
    private static boolean claim(Waiter waiter) {
        return PARKED.compareAndSet(waiter, 1, 0);
    }

    /**
     * Called after changing the waiter's state: unparks the owner if it parked. A parking owner
     * re-checks only that state after publishing its {@code parked} flag, so a waker that changes
     * anything else must use {@link #alert} instead.
     */
    static void wake(Waiter waiter) {
        if (CARRIERS == 1) {
            LockSupport.unpark(waiter.thread); // parked or not: see the class comment
            return;
        }
        if (waiter.parked == 1 && claim(waiter)) {
            woke();
            LockSupport.unpark(waiter.thread);
        }
    }

    /**
     * Called after closing {@code done}, which leaves the waiter's state as it was: unparks the
     * owner whether or not it has parked. {@link #wake} would skip an owner that has read {@code
     * done} open but not yet published its {@code parked} flag; that owner's park re-checks only
     * its state, finds it unchanged, and would wait for good (a lost wake-up on two carriers). Here
     * it finds the permit instead, returns at once, and sees {@code done} closed in its caller's
     * loop. No {@code parked} flag is claimed, so {@code woken} is untouched: the owner clears its
     * own flag after the park, as after a spurious return.
     */
    static void alert(Waiter waiter) {
        LockSupport.unpark(waiter.thread);
    }
}
