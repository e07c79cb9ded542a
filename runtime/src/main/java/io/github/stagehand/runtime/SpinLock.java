package io.github.stagehand.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A test-and-test-and-set lock for critical sections of a few dozen instructions: a channel's queue
 * and buffer updates. Contended acquirers spin, then yield the carrier, never park: the holder
 * never blocks inside. {@link ChannelState} extends it to keep what the lock guards in the lock's
 * own object.
 *
 * <p>Invariant: {@code locked} is 1 exactly while one thread is between {@link #lock()} and {@link
 * #unlock()}. Not reentrant.
 */
class SpinLock {
    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(SpinLock.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through LOCKED
    private volatile int locked;

    void lock() {
        if (!LOCKED.compareAndSet(this, 0, 1)) {
            contended();
        }
    }

    private void contended() {
        int spins = 0;
        while (true) {
            if (locked == 0 && LOCKED.compareAndSet(this, 0, 1)) {
                return;
            }
            if (++spins < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // let the holder's carrier, or another virtual thread, run
            }
        }
    }

    void unlock() {
        LOCKED.setRelease(this, 0);
    }
}
