package io.github.stagehand.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Helpers for the concurrency tests: wait for a thread to reach a state (never a sleep used as
 * proof), and join with a generous timeout that only guards against a hang.
 */
public final class TestThreads {
    /** Only a hang guard: a passing test never comes close to it. */
    public static final Duration HANG_GUARD = Duration.ofSeconds(5);

    private TestThreads() {}

    /**
     * Waits until {@code thread} is in one of {@code states}. Fails if the thread ends first, so a
     * call that should have blocked but returned is caught instead of being waited for.
     */
    public static void awaitState(Thread thread, Thread.State... states) {
        Set<Thread.State> wanted = Set.of(states);
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (true) {
            Thread.State state = thread.getState();
            if (wanted.contains(state)) {
                return;
            }
            if (state == Thread.State.TERMINATED) {
                fail(thread.getName() + " ended instead of reaching " + wanted);
            }
            if (System.nanoTime() > deadline) {
                fail(thread.getName() + " did not reach " + wanted + ", still " + state);
            }
            LockSupport.parkNanos(50_000);
        }
    }

    /** Waits until {@code thread} blocks (parked, waiting for a lock or a condition). */
    public static void awaitBlocked(Thread thread) {
        awaitState(thread, Thread.State.WAITING);
    }

    /** Joins {@code thread} with a hang guard and asserts it ended. */
    public static void joinOrFail(Thread thread) throws InterruptedException {
        thread.join(HANG_GUARD);
        assertFalse(thread.isAlive(), thread.getName() + " is still alive");
    }

    /**
     * Starts {@code body} on a virtual thread named {@code name}; whatever it throws is kept in
     * {@code thrown} for the test to look at once it has joined the thread.
     */
    public static Thread startCatching(
            String name, AtomicReference<Throwable> thrown, Runnable body) {
        return Thread.ofVirtual()
                .name(name)
                .start(
                        () -> {
                            try {
                                body.run();
                            } catch (Throwable t) {
                                thrown.set(t);
                            }
                        });
    }
}
