package io.github.stagehand.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Ticker}: calls on the ticks, never sooner; overruns skip ticks; the ends of a poller. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TickerTest {
    private static final long PERIOD = 20_000_000; // 20 ms

    @Test
    void aPollerIsCalledAtOnceThenOnEveryTickUntilDoneCloses() {
        Done done = new Done();
        List<Long> calls = new ArrayList<>();
        long before = System.nanoTime();

        assertThrows(
                CancelledException.class,
                () ->
                        new Ticker(done, Duration.ofNanos(PERIOD))
                                .each(
                                        () -> {
                                            calls.add(System.nanoTime());
                                            if (calls.size() == 5) {
                                                done.close(); // the wait for the next tick ends it
                                            }
                                        }));

        assertEquals(5, calls.size());
        for (int k = 0; k < calls.size(); k++) {
            long at = calls.get(k) - before;
            assertTrue(at >= k * PERIOD, "call " + k + " at " + at + " ns");
        }
    }

    @Test
    void aCallThatOverrunsItsPeriodSkipsTheTicksThatPassed() throws InterruptedException {
        // given a poller whose first call takes 3.5 periods
        PipelineStats stats = new PipelineStats();
        Done done = new Done();
        StageScope scope = new StageScope("P", done, Duration.ofSeconds(1), stats);
        List<Long> calls = new ArrayList<>();
        long before = System.nanoTime();
        scope.fork(
                "poll",
                0,
                () ->
                        new Ticker(done, Duration.ofNanos(PERIOD))
                                .each(
                                        () -> {
                                            calls.add(System.nanoTime());
                                            if (calls.size() == 1) {
                                                done.sleep(Duration.ofNanos(PERIOD * 7 / 2));
                                            } else {
                                                done.close();
                                            }
                                        }));
        scope.join();

        // then at least the 3 ticks it overran were skipped, and the next call came on a later
        // tick, never sooner
        long skipped = stats.stage("poll").ticksSkipped();
        assertEquals(2, calls.size());
        assertTrue(skipped >= 3, "skipped " + skipped);
        assertTrue(calls.get(1) - before >= (skipped + 1) * PERIOD);
        assertTrue(stats.toString().contains("ticks skipped"), stats.toString());
    }

    @Test
    void aPollerThatReturnsNullEndsItsStream() throws Throwable {
        Done done = new Done();
        Channel<Integer> out = new Channel<>(16, done);
        AtomicInteger n = new AtomicInteger();

        new Ticker(done, Duration.ofMillis(1))
                .map(() -> n.incrementAndGet() <= 3 ? n.get() : null, out);
        out.close();

        assertEquals(1, out.receive());
        assertEquals(2, out.receive());
        assertEquals(3, out.receive());
        assertNull(out.receive());
    }

    @Test
    void aPeriodMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Ticker(new Done(), Duration.ZERO));
    }
}
