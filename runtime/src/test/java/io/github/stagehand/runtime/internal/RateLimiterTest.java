package io.github.stagehand.runtime.internal;

import static io.github.stagehand.runtime.TestThreads.awaitState;
import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Done;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RateLimiter}: its schedule's arithmetic exactly (no clock: {@link RateLimiter.Schedule}),
 * and workers sharing a limiter on the system clock, asserted only as "not earlier than".
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RateLimiterTest {

    /**
     * Saturated, the n-th turn is exactly {@code start + n * per / elements}, rounded down: no
     * rounding error builds up, at rates where a period in whole milliseconds (or nanoseconds)
     * would drift.
     */
    @ParameterizedTest(name = "{0} per {1} ns")
    @CsvSource({
        "1, 1000000000",
        "3, 1000000000",
        "1000, 1000000000",
        "999983, 1000000000",
        "1000000, 1000000000",
        "7, 3600000000000",
        "3000000000, 1000000000"
    })
    void saturatedTurnsFollowTheExactSchedule(long elements, long perNanos) {
        RateLimiter.Schedule schedule =
                new RateLimiter.Schedule(elements, Duration.ofNanos(perNanos));
        long start = 1_000_000_000_000L;
        long now = start;
        int turns = 10_000_000; // 10 s at a million per second
        for (int n = 0; n < turns; n++) {
            long due = schedule.claim(now);
            if (n % 997 == 0 || n == turns - 1) {
                long exact =
                        start
                                + BigInteger.valueOf(n)
                                        .multiply(BigInteger.valueOf(perNanos))
                                        .divide(BigInteger.valueOf(elements))
                                        .longValueExact();
                assertEquals(exact, due, "turn " + n);
            }
            now = due; // each call asks the moment its turn came: saturated
        }
    }

    @Test
    void aLateCallerCatchesUpButAStageThatRanDryStartsANewSchedule() {
        // 1,000 per second: a turn per millisecond
        RateLimiter.Schedule schedule = new RateLimiter.Schedule(1000, Duration.ofSeconds(1));
        long start = 0;
        assertEquals(start, schedule.claim(start));
        // a worker that woke 5 ms late: the turns it missed begin at once
        long late = start + 5_000_000;
        assertEquals(start + 1_000_000, schedule.claim(late));
        assertEquals(start + 2_000_000, schedule.claim(late));
        // an input that ran dry for a second: a new schedule, no burst of a thousand
        long idle = start + 1_000_000_000;
        assertEquals(idle, schedule.claim(idle));
        assertEquals(idle + 1_000_000, schedule.claim(idle));
    }

    @Test
    void aSlowRateStartsANewScheduleAfterOnePeriodBehind() {
        // one per second: the catch-up is a period, not 100 ms
        RateLimiter.Schedule schedule = new RateLimiter.Schedule(1, Duration.ofSeconds(1));
        assertEquals(0, schedule.claim(0));
        long behind = 1_500_000_000L; // half a period behind the second turn: it begins at once
        assertEquals(1_000_000_000L, schedule.claim(behind));
        long idle = 10_000_000_000L;
        assertEquals(idle, schedule.claim(idle));
        assertEquals(idle + 1_000_000_000L, schedule.claim(idle));
    }

    @Test
    void workersSharingALimiterBeginNoSoonerThanTheSchedule() throws InterruptedException {
        Done done = new Done();
        RateLimiter limiter = new RateLimiter(done, 100, Duration.ofSeconds(1)); // 10 ms apart
        List<Long> begun = Collections.synchronizedList(new ArrayList<>());
        long before = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        for (int i = 0; i < 10; i++) {
                                            limiter.acquire();
                                            begun.add(System.nanoTime());
                                        }
                                    }));
        }
        for (Thread worker : workers) {
            joinOrFail(worker);
        }

        // the n-th call (from 0) began no earlier than n periods after the first asked
        List<Long> sorted = begun.stream().sorted().toList();
        assertEquals(40, sorted.size());
        for (int n = 0; n < sorted.size(); n++) {
            long elapsed = sorted.get(n) - before;
            assertTrue(elapsed >= n * 10_000_000L, "call " + n + " began after " + elapsed);
        }
    }

    @Test
    void closingDoneEndsAWaitAtOnce() throws InterruptedException {
        Done done = new Done();
        RateLimiter limiter = new RateLimiter(done, 1, Duration.ofHours(1));
        limiter.acquire(); // the first turn is now; the next in an hour
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiting =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        limiter.acquire();
                                    } catch (Throwable t) {
                                        thrown.set(t);
                                    }
                                });
        awaitState(waiting, Thread.State.TIMED_WAITING);

        done.close();
        joinOrFail(waiting);

        assertInstanceOf(CancelledException.class, thrown.get());
    }

    @Test
    void badRatesAreRefused() {
        Done done = new Done();
        assertThrows(
                IllegalArgumentException.class,
                () -> new RateLimiter(done, 0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(done, 1, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RateLimiter(done, Long.MAX_VALUE, Duration.ofSeconds(1)));
    }
}
