package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.Pollers;
import io.github.stagehand.example.pipelines.PollersPipeline;
import io.github.stagehand.example.pipelines.SlowPoller;
import io.github.stagehand.example.pipelines.SlowPollerPipeline;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @Stage(every = ...)}: the head is called at once and then on every tick, never sooner; a
 * call that overruns skips ticks and counts them; a poller that returns its value ends the stream
 * with null; one that sends ends when {@code done} closes, leaving no thread.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PollerTest {
    private static final long PERIOD = Duration.ofMillis(20).toNanos();

    @Test
    void aPollerThatReturnsItsValueIsCalledOnEveryTickUntilItReturnsNull() {
        Pollers owner = new Pollers(5);
        long before = System.nanoTime();

        List<Integer> got = PollersPipeline.run(owner);

        // 5 values, then the null that ended the stream: 6 calls, the k-th no sooner than k ticks
        assertEquals(List.of(0, 1, 2, 3, 4), got);
        assertEquals(6, owner.calledAt.size());
        for (int k = 0; k < owner.calledAt.size(); k++) {
            long at = owner.calledAt.get(k) - before;
            assertTrue(at >= k * PERIOD, "call " + k + " at " + at + " ns");
        }
        assertEquals(List.of(), owner.threads.alive());
    }

    @Test
    void aDrainedPollerStopsAtItsNextTickOrSendAndWhatItSentArrives() {
        // given a poller that would return a thousand values, one every 20 ms
        Pollers owner = new Pollers(1_000);
        Done drain = new Done();
        CompletableFuture<List<Integer>> run =
                CompletableFuture.supplyAsync(
                        () -> PollersPipeline.builder(owner).drain(drain).run());
        while (owner.calledAt.size() < 3) {
            LockSupport.parkNanos(100_000);
        }

        // when the run is drained
        drain.close();

        // then it completes normally with every value the poller sent, in order; a call under
        // way when the drain came may have had its value stopped at the send
        List<Integer> got = run.join();
        assertTrue(got.size() >= 3 && got.size() < 1_000, got.toString());
        assertEquals(IntStream.range(0, got.size()).boxed().toList(), got);
        int calls = owner.calledAt.size();
        assertTrue(calls == got.size() || calls == got.size() + 1, calls + " calls, " + got);
        assertEquals(List.of(), owner.threads.alive());
    }

    @Test
    void theBuilderSetsThePeriod() {
        Pollers owner = new Pollers(3);
        long before = System.nanoTime();

        List<Integer> got = PollersPipeline.builder(owner).tickEvery(Duration.ofMillis(60)).run();

        assertEquals(List.of(0, 1, 2), got);
        long last = owner.calledAt.get(3) - before;
        assertTrue(last >= 3 * Duration.ofMillis(60).toNanos(), "the 4th call at " + last);
        assertThrows(
                IllegalArgumentException.class,
                () -> PollersPipeline.builder(owner).tickEvery(Duration.ZERO));
    }

    @Test
    void aCallThatOverrunsItsPeriodSkipsTheTicksThatPassedAndCountsThem() {
        // given a poller whose first call takes 70 ms of its 20 ms period
        SlowPoller owner = new SlowPoller();
        PipelineStats stats = new PipelineStats();
        long before = System.nanoTime();
        try (var out = SlowPollerPipeline.builder(owner).stats(stats).start()) {
            assertEquals(1, out.receive());
            assertEquals(2, out.receive());
            assertEquals(3, out.receive());
        } // close(): the poller waiting for its next tick ends at once

        // then the ticks at 20, 40 and 60 ms (at least) were skipped, and the second call came on
        // the first tick after them, not sooner
        long skipped = stats.stage("poll").ticksSkipped();
        assertTrue(skipped >= 3, "skipped " + skipped);
        long second = owner.calledAt.get(1) - before;
        assertTrue(second >= (skipped + 1) * PERIOD, "second call at " + second);
        assertTrue(stats.toString().contains("ticks skipped"), stats.toString());
        assertEquals(List.of(), owner.threads.alive());
    }

    @Test
    void aDeadlineEndsAPollerThatSendsAndSaysWhy() {
        SlowPoller owner = new SlowPoller();
        var out = SlowPollerPipeline.builder(owner).timeout(Duration.ofMillis(300)).start();

        CancellationException cancelled =
                assertThrows(
                        CancellationException.class,
                        () -> {
                            while (true) {
                                out.receive();
                            }
                        });

        assertInstanceOf(TimeoutException.class, cancelled.getCause());
        assertThrows(CancellationException.class, out::close);
        assertTrue(owner.calledAt.size() >= 2);
        assertEquals(List.of(), owner.threads.alive());
    }
}
