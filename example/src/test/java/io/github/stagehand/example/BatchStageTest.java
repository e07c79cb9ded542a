package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.BatchSinks;
import io.github.stagehand.example.pipelines.BatchSinksPipeline;
import io.github.stagehand.example.pipelines.Batches;
import io.github.stagehand.example.pipelines.BatchesPipeline;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.StageStats;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @Stage(batch = ..., linger = ...)} through generated pipelines on the system clock:
 * batches full, by linger and at the end, never empty, in arrival order, built by each worker; a
 * failure or a cancellation drops the pending batch and counts it. Timings only as "not earlier
 * than".
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BatchStageTest {
    private static final int SIZE = 4;
    private static final int PAUSE = -600; // ms: far longer than the linger

    @Test
    void batchesAreHandedOverFullByLingerAndAtTheEndNeverEmptyAndInOrder() {
        // given 10 values at once, a pause, 2 more, a pause, and a last one
        Batches owner = new Batches();
        PipelineStats stats = new PipelineStats();
        int[] script = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, PAUSE, 10, 11, PAUSE, 12};

        List<List<Integer>> batches = new ArrayList<>();
        try (var out = BatchesPipeline.builder(owner).stats(stats).start(script)) {
            out.forEach(batches::add);
        }

        // then every value came once, in the order sent, in batches of 1 to 4
        assertEquals(IntStream.rangeClosed(0, 12).boxed().toList(), flat(batches));
        for (List<Integer> batch : batches) {
            assertTrue(batch.size() >= 1 && batch.size() <= SIZE, batches.toString());
        }
        // no batch waited across a pause: its linger ran out first
        for (List<Integer> batch : batches) {
            assertTrue(!batch.contains(9) || !batch.contains(10), batches.toString());
            assertTrue(!batch.contains(11) || !batch.contains(12), batches.toString());
        }
        // a partial batch before the end was handed over by linger, never before it had passed
        // since its first value was sent
        for (Batches.Call call : owner.calls.subList(0, owner.calls.size() - 1)) {
            if (call.batch().size() < SIZE) {
                long waited = call.at() - owner.sentAt.get(call.batch().get(0));
                assertTrue(waited >= Batches.LINGER.toNanos(), call + " waited " + waited);
            }
        }
        // the last one at the end of the input
        assertEquals(List.of(12), batches.get(batches.size() - 1));
        StageStats group = stats.stage("group");
        assertEquals(
                batches.size(),
                group.batchesFull() + group.batchesLingered() + group.batchesAtEnd(),
                group.toString());
        assertTrue(group.batchesLingered() >= 2, group.toString());
        assertEquals(1, group.batchesAtEnd(), group.toString());
        assertEquals(0, group.batchDropped());
        assertTrue(stats.toString().contains("batches full"), stats.toString());
        assertEquals(List.of(), owner.threads.alive());
    }

    @Test
    void withoutALingerABatchWaitsToBeFullOrForTheEnd() {
        // given the builder's Duration.ZERO: no linger, whatever the pauses
        Batches owner = new Batches();
        int[] script = {0, 1, 2, -150, 3, 4, -150, 5};

        List<List<Integer>> batches = new ArrayList<>();
        try (var out = BatchesPipeline.builder(owner).groupLinger(Duration.ZERO).start(script)) {
            out.forEach(batches::add);
        }

        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5)), batches);
    }

    @Test
    void theBuilderSetsTheBatchSize() {
        Batches owner = new Batches();

        List<List<Integer>> batches = new ArrayList<>();
        try (var out =
                BatchesPipeline.builder(owner)
                        .groupBatch(2)
                        .groupLinger(Duration.ofHours(1))
                        .start(0, 1, 2, 3, 4)) {
            out.forEach(batches::add);
        }

        assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4)), batches);
        assertThrows(
                IllegalArgumentException.class, () -> BatchesPipeline.builder(owner).groupBatch(0));
        assertThrows(
                IllegalArgumentException.class,
                () -> BatchesPipeline.builder(owner).groupLinger(Duration.ofMillis(-1)));
    }

    @Test
    void workersOfABatchSinkEachMakeTheirOwnBatchesOfEveryValueOnce() throws IOException {
        BatchSinks owner = new BatchSinks(null, -1, false);
        PipelineStats stats = new PipelineStats();

        BatchSinksPipeline.builder(owner).stats(stats).run(10_000);

        List<Integer> all = new ArrayList<>();
        for (List<Integer> batch : owner.stored) {
            assertTrue(batch.size() >= 1 && batch.size() <= 10, batch.toString());
            assertEquals(batch.stream().sorted().toList(), batch); // in the order sent
            all.addAll(batch);
        }
        all.sort(null);
        assertEquals(IntStream.range(0, 10_000).boxed().toList(), all);
        StageStats store = stats.stage("store");
        assertEquals(3, store.workers());
        assertEquals(owner.stored.size(), store.batchesFull() + store.batchesAtEnd());
        assertTrue(store.batchesAtEnd() <= 3, store.toString()); // at most one per worker
        assertEquals(List.of(), owner.threads.alive());
    }

    @Test
    void aFailureDropsThePendingBatchesAndCountsThem() {
        // given a head that fails once store's workers hold its 5 values in unfinished batches
        PipelineStats stats = new PipelineStats();
        BatchSinks owner = new BatchSinks(stats, 5, false);

        IOException failure =
                assertThrows(
                        IOException.class,
                        () -> BatchSinksPipeline.builder(owner).stats(stats).run(100));

        // then no batch was handed over, and the 5 values are counted as dropped
        assertEquals("numbers failed after 5", failure.getMessage());
        assertEquals(List.of(), owner.stored);
        assertEquals(5, stats.stage("store").batchDropped());
        assertTrue(stats.toString().contains("dropped"), stats.toString());
        assertEquals(List.of(), owner.threads.alive());
    }

    @Test
    void aCancelledRunDropsThePendingBatchesAndLeavesNoThread() {
        // given a head that sleeps for an hour once store's workers hold its 5 values
        PipelineStats stats = new PipelineStats();
        BatchSinks owner = new BatchSinks(stats, 5, true);

        var cancelled =
                assertThrows(
                        java.util.concurrent.CancellationException.class,
                        () ->
                                BatchSinksPipeline.builder(owner)
                                        .stats(stats)
                                        .timeout(Duration.ofMillis(300))
                                        .run(100));

        assertTrue(cancelled.getCause() instanceof java.util.concurrent.TimeoutException);
        assertEquals(List.of(), owner.stored);
        assertEquals(5, stats.stage("store").batchDropped());
        assertEquals(List.of(), owner.threads.alive());
    }

    private static List<Integer> flat(List<List<Integer>> batches) {
        List<Integer> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }
}
