package io.github.stagehand.runtime;

import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Done#sleep}: Go's {@code select { case <-time.After(d): case <-done: }}, with the
 * cancellation signal a send throws when {@code done} wins.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DoneSleepTest {

    @Test
    void sleepsTheWholeDurationWhileOpen() {
        Done done = new Done();
        Duration duration = Duration.ofMillis(30);

        long start = System.nanoTime();
        done.sleep(duration);
        long slept = System.nanoTime() - start;

        // never early: a linger or a poll period must not end before its time
        assertTrue(slept >= duration.toNanos(), "slept " + slept + " ns");
        assertFalse(done.isClosed());
    }

    @Test
    void closingWakesASleeperWithTheCancellationSignal() throws InterruptedException {
        // given a virtual thread sleeping for an hour
        Done done = new Done();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sleeper =
                TestThreads.startCatching("sleeper", thrown, () -> done.sleep(Duration.ofHours(1)));
        TestThreads.awaitState(sleeper, Thread.State.TIMED_WAITING);

        // when done closes, then the sleep ends at once with the signal, and the cause stays null
        done.close();
        joinOrFail(sleeper);
        assertInstanceOf(CancelledException.class, thrown.get());
        assertNull(done.cause());
    }

    @Test
    void aClosedDoneEndsEvenAZeroSleep() {
        Done done = new Done();
        done.close();

        assertThrows(CancelledException.class, () -> done.sleep(Duration.ZERO));
        assertThrows(CancelledException.class, () -> done.sleep(Duration.ofSeconds(1)));
    }

    @Test
    void aZeroSleepOnAnOpenDoneReturns() {
        Done done = new Done();

        done.sleep(Duration.ZERO);

        assertFalse(done.isClosed());
    }

    @Test
    void anInterruptDuringTheSleepClosesDoneWithItAndKeepsTheStatus() throws InterruptedException {
        Done done = new Done();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread sleeper =
                TestThreads.startCatching(
                        "sleeper",
                        thrown,
                        () -> {
                            try {
                                done.sleep(Duration.ofHours(1));
                            } finally {
                                stillInterrupted.set(Thread.currentThread().isInterrupted());
                            }
                        });
        TestThreads.awaitState(sleeper, Thread.State.TIMED_WAITING);

        sleeper.interrupt();
        joinOrFail(sleeper);

        assertInstanceOf(CancelledException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, done.cause());
        assertTrue(stillInterrupted.get());
    }

    @Test
    void aDurationTooLongForNanosecondsStillSleepsUntilClosed() throws InterruptedException {
        Done done = new Done();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sleeper =
                TestThreads.startCatching(
                        "sleeper", thrown, () -> done.sleep(ChronoUnit.FOREVER.getDuration()));
        TestThreads.awaitState(sleeper, Thread.State.TIMED_WAITING);

        done.close(new IllegalStateException("owner left"));
        joinOrFail(sleeper);

        assertSame(CancelledException.class, thrown.get().getClass());
    }

    @Test
    void aNegativeDurationIsRefused() {
        Done done = new Done();

        assertThrows(IllegalArgumentException.class, () -> done.sleep(Duration.ofMillis(-1)));
        assertFalse(done.isClosed());
    }
}
