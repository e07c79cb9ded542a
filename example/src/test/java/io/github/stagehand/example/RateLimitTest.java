package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.Limited;
import io.github.stagehand.example.pipelines.LimitedPipeline;
import io.github.stagehand.example.pipelines.Limited_PerBatchPipeline;
import io.github.stagehand.runtime.PipelineStats;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @Stage(rate = ...)}: a stage's workers together begin no more calls by any time t than
 * {@code 1 + rate * t} from the first; a batch stage's rate counts batches. Only "not earlier
 * than": how much later depends on the machine.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RateLimitTest {

    @Test
    void twoWorkersTogetherBeginNoMoreThanTheRate() {
        Limited owner = new Limited();
        PipelineStats stats = new PipelineStats();
        long before = System.nanoTime();

        long count = LimitedPipeline.builder(owner).stats(stats).run(30);

        assertEquals(30, count);
        assertNotAhead(owner.begunAt, before, Duration.ofSeconds(1).toNanos() / 50);
        assertTrue(stats.stage("check").rateWaitNanos() > 0, stats.toString());
        assertTrue(stats.toString().contains("rate wait ms"), stats.toString());
        assertEquals(List.of(), owner.threads.alive());
    }

    @Test
    void theBuilderSetsTheRate() {
        Limited owner = new Limited();
        long before = System.nanoTime();

        long count = LimitedPipeline.builder(owner).checkRate(1, Duration.ofMillis(25)).run(12);

        assertEquals(12, count);
        assertNotAhead(owner.begunAt, before, Duration.ofMillis(25).toNanos());
        assertThrows(
                IllegalArgumentException.class,
                () -> LimitedPipeline.builder(owner).checkRate(0, Duration.ofSeconds(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> LimitedPipeline.builder(owner).checkRate(1, Duration.ZERO));
    }

    @Test
    void aBatchStagesRateCountsBatches() {
        Limited.PerBatch owner = new Limited.PerBatch();
        long before = System.nanoTime();

        Limited_PerBatchPipeline.run(owner, 50);

        assertEquals(10, owner.begunAt.size()); // 50 values in batches of 5
        assertNotAhead(owner.begunAt, before, Duration.ofSeconds(1).toNanos() / 20);
    }

    /** The n-th call (from 0) began no sooner than n periods after {@code before}. */
    private static void assertNotAhead(List<Long> begunAt, long before, long period) {
        List<Long> sorted = begunAt.stream().sorted().toList();
        for (int n = 0; n < sorted.size(); n++) {
            long at = sorted.get(n) - before;
            assertTrue(at >= n * period, "call " + n + " began " + at + " ns after the start");
        }
    }
}
