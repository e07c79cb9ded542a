package io.github.stagehand.runtime.internal;

import static io.github.stagehand.runtime.TestThreads.awaitBlocked;
import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.StageStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BatchIn}: batches full, by linger and at the end, never empty, in arrival order; what a
 * worker holds; cancellation. Timings are asserted only as "not earlier than".
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BatchInTest {
    private static final Duration NO_LINGER = Duration.ZERO;

    private final Done done = new Done();

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 3, 256})
    void batchesAreFullThenTheLastIsPartialAndNoneIsEmpty(int capacity)
            throws InterruptedException {
        Channel<Integer> in = new Channel<>(capacity, done);
        Thread sender = sender(in, 10);

        BatchIn<Integer> batches = new BatchIn<>(in, 1, 4, NO_LINGER);
        List<List<Integer>> got = new ArrayList<>();
        for (List<Integer> batch; (batch = batches.next()) != null; ) {
            got.add(batch);
        }

        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9)), got);
        assertNull(batches.next()); // and stays ended
        joinOrFail(sender);
    }

    @Test
    void anInputThatEndsAtABatchBoundaryGivesNoEmptyBatch() {
        Channel<Integer> in = new Channel<>(16, done);
        for (int i = 0; i < 8; i++) {
            in.send(i);
        }
        in.close();

        BatchIn<Integer> batches = new BatchIn<>(in, 1, 4, Duration.ofSeconds(10));

        assertEquals(List.of(0, 1, 2, 3), batches.next());
        assertEquals(List.of(4, 5, 6, 7), batches.next());
        assertNull(batches.next());
    }

    @Test
    void aPartialBatchIsHandedOverOnceTheLingerHasPassedNotSooner() {
        // given 3 elements and an input that stays open
        Channel<Integer> in = new Channel<>(16, done);
        in.send(1);
        in.send(2);
        in.send(3);
        Duration linger = Duration.ofMillis(50);
        BatchIn<Integer> batches = new BatchIn<>(in, 1, 10, linger);

        long before = System.nanoTime();
        List<Integer> batch = batches.next();
        long waited = System.nanoTime() - before;

        // then the batch holds what came, and the linger passed before it was handed over
        assertEquals(List.of(1, 2, 3), batch);
        assertTrue(waited >= linger.toNanos(), "handed over after " + waited + " ns");
    }

    @Test
    void aWorkerWithNothingToBatchWaitsForAFirstElementHoweverLongTheLinger()
            throws InterruptedException {
        Channel<Integer> in = new Channel<>(16, done);
        AtomicReference<List<Integer>> got = new AtomicReference<>();
        Thread worker =
                Thread.ofVirtual()
                        .start(
                                () ->
                                        got.set(
                                                new BatchIn<>(in, 1, 10, Duration.ofMillis(1))
                                                        .next()));

        // an empty batch is never handed over: the worker waits, untimed, for a first element
        awaitBlocked(worker);
        Thread.sleep(20); // well past the linger: still waiting
        awaitBlocked(worker);
        in.send(7);
        joinOrFail(worker);

        assertEquals(List.of(7), got.get());
    }

    @Test
    void aWorkerTakesOnlyWhatFitsInItsBatch() {
        // given 10 elements buffered
        Channel<Integer> in = new Channel<>(16, done);
        for (int i = 0; i < 10; i++) {
            in.send(i);
        }

        // when a worker makes a batch of 3
        assertEquals(List.of(0, 1, 2), new BatchIn<>(in, 1, 3, NO_LINGER).next());

        // then the rest are still in the channel, for anyone
        assertEquals(3, in.receive());
    }

    @Test
    void workersThatShareAnInputEachMakeTheirOwnBatchesOfEveryElementOnce()
            throws InterruptedException {
        Channel<Integer> in = new Channel<>(64, done);
        Thread sender = sender(in, 10_000);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            workers.add(
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        BatchIn<Integer> mine =
                                                new BatchIn<>(in, 3, 50, Duration.ofMillis(5));
                                        for (List<Integer> b; (b = mine.next()) != null; ) {
                                            batches.add(b);
                                        }
                                    }));
        }
        joinOrFail(sender);
        for (Thread worker : workers) {
            joinOrFail(worker);
        }

        List<Integer> all = new ArrayList<>();
        for (List<Integer> batch : batches) {
            assertTrue(batch.size() >= 1 && batch.size() <= 50, "size " + batch.size());
            assertEquals(batch.stream().sorted().toList(), batch); // in arrival order
            all.addAll(batch);
        }
        Collections.sort(all);
        assertEquals(IntStream.range(0, 10_000).boxed().toList(), all);
    }

    @Test
    void theBatchIsTheStagesToKeepAndChange() {
        Channel<Integer> in = new Channel<>(4, done);
        in.send(2);
        in.send(1);
        in.close();

        List<Integer> batch = new BatchIn<>(in, 1, 4, NO_LINGER).next();
        batch.sort(null);
        batch.add(3);

        assertEquals(List.of(1, 2, 3), batch);
    }

    @Test
    void statisticsCountBatchesFullByLingerAndAtTheEnd() throws InterruptedException {
        PipelineStats stats = new PipelineStats();
        StageScope scope = new StageScope("P", done, Duration.ofSeconds(1), stats);
        Channel<Integer> in = scope.channel("gen -> batch", 16);
        List<List<Integer>> got = new ArrayList<>();
        scope.fork(
                "batch",
                0,
                () -> {
                    BatchIn<Integer> batches = new BatchIn<>(in, 1, 2, Duration.ofMillis(20));
                    for (List<Integer> b; (b = batches.next()) != null; ) {
                        got.add(b);
                    }
                });
        in.send(1);
        in.send(2); // a full batch, or a lingered one if the worker took 1 alone
        Thread.sleep(100);
        in.send(3); // by linger: nothing follows for 20 ms
        Thread.sleep(100);
        in.send(4);
        in.close(); // at the end
        assertNull(scope.join());

        StageStats batch = stats.stage("batch");
        assertEquals(4, got.stream().mapToInt(List::size).sum(), got.toString());
        assertEquals(
                got.size(), batch.batchesFull() + batch.batchesLingered() + batch.batchesAtEnd());
        assertEquals(got.stream().filter(b -> b.size() == 2).count(), batch.batchesFull());
        assertTrue(batch.batchesLingered() >= 1, batch.toString());
        assertEquals(0, batch.batchDropped());
        assertTrue(stats.toString().contains("batches full"), stats.toString());
    }

    @Test
    void cancellationDropsThePendingBatchAndCountsIt() throws InterruptedException {
        // given a worker holding 2 elements of a batch of 10, waiting for more (no linger)
        PipelineStats stats = new PipelineStats();
        StageScope scope = new StageScope("P", done, Duration.ofSeconds(1), stats);
        Channel<Integer> in = scope.channel("gen -> batch", 16);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        in.send(1);
        in.send(2);
        scope.fork(
                "batch",
                0,
                () -> {
                    try {
                        new BatchIn<>(in, 1, 10, NO_LINGER).next();
                    } catch (Throwable t) {
                        thrown.set(t);
                        throw t;
                    }
                });
        while (stats.stage("batch").received() < 2) {
            Thread.onSpinWait();
        }

        // when the run is cancelled
        done.close();
        scope.join();

        // then the batch was dropped, not handed over, and its elements are counted
        assertInstanceOf(CancelledException.class, thrown.get());
        assertEquals(2, stats.stage("batch").batchDropped());
        assertTrue(stats.toString().contains("dropped"), stats.toString());
    }

    @Test
    void aCompleteBatchIsNotHandedOverOnceDoneHasClosed() {
        Channel<Integer> in = new Channel<>(4, done);
        in.send(1);
        BatchIn<Integer> batches = new BatchIn<>(in, 1, 1, NO_LINGER);
        done.close();

        assertThrows(CancelledException.class, batches::next);
    }

    @Test
    void badSizesAndLingersAreRefused() {
        Channel<Integer> in = new Channel<>(4, done);
        assertThrows(IllegalArgumentException.class, () -> new BatchIn<>(in, 1, 0, NO_LINGER));
        assertThrows(
                IllegalArgumentException.class,
                () -> new BatchIn<>(in, 1, 1, Duration.ofMillis(-1)));
    }

    private static Thread sender(Channel<Integer> in, int n) {
        return Thread.ofVirtual()
                .start(
                        () -> {
                            try {
                                for (int i = 0; i < n; i++) {
                                    in.send(i);
                                }
                            } finally {
                                in.close();
                            }
                        });
    }
}
