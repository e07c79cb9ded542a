package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.Arrivals;
import io.github.stagehand.example.pipelines.Batches;
import io.github.stagehand.example.pipelines.BatchesPipeline;
import io.github.stagehand.example.pipelines.Limited;
import io.github.stagehand.example.pipelines.LimitedPipeline;
import io.github.stagehand.example.pipelines.PacedStream;
import io.github.stagehand.example.pipelines.PacedStreamPipeline;
import io.github.stagehand.example.pipelines.PolledBatches;
import io.github.stagehand.example.pipelines.PolledBatchesPipeline;
import io.github.stagehand.example.pipelines.Pollers;
import io.github.stagehand.example.pipelines.PollersPipeline;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The time attributes on a {@link VirtualClock}: a batch's linger, a poller's period and a rate
 * wait on the run's clock, so hours pass at once and every time a test sees is exact.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeAttributesVirtualClockTest {

    @Test
    void aBatchIsHandedOverExactlyWhenItsLingerHasPassed() {
        // given 3 values, an hour's pause, and a last one; batches of 4 lingering 10 minutes
        Batches owner = new Batches();
        VirtualClock clock = new VirtualClock();
        List<String> seen = new ArrayList<>();
        try (var out =
                BatchesPipeline.builder(owner)
                        .clock(clock)
                        .groupLinger(Duration.ofMinutes(10))
                        .start(0, 1, 2, -3_600_000, 3)) {
            for (List<Integer> batch : out) {
                seen.add(batch + "@" + clock.elapsed().toMinutes() + "m");
            }
        }

        // then the first 3 went on when their linger had passed, the last at the end of the input
        assertEquals(List.of("[0, 1, 2]@10m", "[3]@60m"), seen);
        assertEquals(List.of(), owner.threads.alive());
    }

    @Test
    void aPollerIsCalledOncePerPeriodOnTheRunsClock() {
        Pollers owner = new Pollers(5);
        VirtualClock clock = new VirtualClock();

        List<Integer> got =
                PollersPipeline.builder(owner).clock(clock).tickEvery(Duration.ofHours(1)).run();

        // 5 values and the null that ended the stream: calls at 0, 1, ... 5 hours
        assertEquals(List.of(0, 1, 2, 3, 4), got);
        assertEquals(Duration.ofHours(5), clock.elapsed());
    }

    @Test
    void aRateSpacesCallsExactlyOnTheRunsClock() {
        Limited owner = new Limited();
        VirtualClock clock = new VirtualClock();
        PipelineStats stats = new PipelineStats();

        long count =
                LimitedPipeline.builder(owner)
                        .clock(clock)
                        .stats(stats)
                        .checkRate(1, Duration.ofHours(1))
                        .run(5);

        // the 5th call began 4 hours after the first, and at every moment of those 4 hours a
        // worker waited for its turn (the figure sums the two workers' waits)
        assertEquals(5, count);
        assertEquals(Duration.ofHours(4), clock.elapsed());
        long waited = stats.stage("check").rateWaitNanos();
        assertTrue(waited >= Duration.ofHours(4).toNanos(), "waited " + waited);
    }

    @Test
    void anHourOfAPollerAndALingeringBatchSinkIsExact() {
        // given a poller every 5 s that returns 720 values, feeding batches that linger 1 s
        PolledBatches owner = new PolledBatches(720);
        VirtualClock clock = new VirtualClock();
        long wallStart = System.nanoTime();

        PolledBatchesPipeline.builder(owner).clock(clock).run();

        // then each value went on alone, a second after it was polled, and the run took an hour
        List<Arrivals.Batch> expected = new ArrayList<>();
        for (int i = 0; i < 720; i++) {
            expected.add(new Arrivals.Batch(List.of(i), Duration.ofSeconds(5L * i + 1).toNanos()));
        }
        assertEquals(expected, owner.batches);
        assertEquals(Duration.ofHours(1), clock.elapsed());
        assertEquals(List.of(), owner.threads.alive());
        // shown, not asserted (a timing belongs in a benchmark): the hour's wall time
        System.out.printf(
                "an hour of poller and linger on a VirtualClock: %.0f ms of wall time%n",
                (System.nanoTime() - wallStart) / 1e6);
    }

    @Test
    void aRateOnAStreamOrSinkStagePacesTheElementsItsInReturns() {
        PacedStream owner = new PacedStream();
        VirtualClock clock = new VirtualClock();

        long total = PacedStreamPipeline.builder(owner).clock(clock).run(4);

        // pace takes one a second, total one a minute, each from its first element
        long second = Duration.ofSeconds(1).toNanos();
        assertEquals(4, total);
        assertEquals(List.of(0L, second, 2 * second, 3 * second), owner.pacedAt);
        assertEquals(List.of(0L, 60 * second, 120 * second, 180 * second), owner.totalledAt);
        assertEquals(Duration.ofMinutes(3), clock.elapsed());
    }
}
