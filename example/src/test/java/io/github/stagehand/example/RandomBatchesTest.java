package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.stagehand.example.pipelines.Arrivals;
import io.github.stagehand.example.pipelines.Arrivals.Batch;
import io.github.stagehand.example.pipelines.ArrivalsPipeline;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Batch stages on a {@link VirtualClock} against a model of the batching rule, over random arrival
 * gaps, batch sizes, lingers, workers, failures and timeouts. With one worker the batches and the
 * times they were handed over must be the model's exactly; with several, every batch must keep the
 * rule (1 to {@code batch} elements, in arrival order, handed over when full, at its linger or at
 * the end, never later). Always: no element lost or doubled (a failure or a timeout drops the
 * pending batches, and the statistics count exactly the elements they held), no thread left.
 *
 * <p>Arrival gaps are whole multiples of 10 ms, lingers end in 5 ms and timeouts in 7 ms, so that
 * no two of them fall on the same instant, where their order would be up to the scheduler.
 */
@Tag("stress")
@Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RandomBatchesTest {
    /**
     * Runs per call: 300, or 20,000 in the stress profile; {@code -Dstagehand.stress.batches=N}.
     */
    private static final int ROUNDS =
            Integer.getInteger(
                    "stagehand.stress.batches",
                    Boolean.getBoolean("stagehand.stress") ? 20_000 : 300);

    private static final long MS = 1_000_000;

    @Test
    void batchesKeepTheRuleAndLoseNothing() {
        long seed = Long.getLong("stagehand.seed", new Random().nextLong());
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            String where = "seed " + seed + ", round " + round;
            int n = random.nextInt(40);
            long[] gaps = new long[n];
            for (int i = 0; i < n; i++) {
                gaps[i] = 10L * (random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(5));
            }
            int size = 1 + random.nextInt(6);
            long lingerMs = 10L * random.nextInt(60) + 5;
            int workers = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 1;
            int failAt = random.nextInt(4) == 0 && n > 0 ? random.nextInt(n) : -1;
            if (failAt >= 0 && gaps[failAt] == 0) {
                gaps[failAt] = 10; // the failure after the last send, not at its instant
            }
            long timeoutMs = random.nextInt(5) == 0 ? 10L * random.nextInt(200) + 7 : -1;
            try {
                check(where, gaps, size, lingerMs, workers, failAt, timeoutMs);
            } catch (AssertionError e) {
                fail(
                        where
                                + ": gaps "
                                + java.util.Arrays.toString(gaps)
                                + ", batch "
                                + size
                                + ", linger "
                                + lingerMs
                                + " ms, workers "
                                + workers
                                + ", failAt "
                                + failAt
                                + ", timeout "
                                + timeoutMs
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    private static void check(
            String where,
            long[] gaps,
            int size,
            long lingerMs,
            int workers,
            int failAt,
            long timeoutMs) {
        Arrivals arrivals = new Arrivals();
        VirtualClock clock = new VirtualClock();
        PipelineStats stats = new PipelineStats();
        var builder =
                ArrivalsPipeline.builder(arrivals)
                        .clock(clock)
                        .stats(stats)
                        .arriveBuffer(0)
                        .gatherBatch(size)
                        .gatherLinger(Duration.ofMillis(lingerMs))
                        .gatherWorkers(workers);
        if (timeoutMs >= 0) {
            builder.timeout(Duration.ofMillis(timeoutMs));
        }
        long[] arrival = new long[gaps.length];
        long t = 0;
        for (int i = 0; i < gaps.length; i++) {
            t += gaps[i] * MS;
            arrival[i] = t;
        }
        // which elements the run can send, and when its input ends or it is stopped
        int sendable = failAt >= 0 ? failAt : gaps.length;
        long stop = failAt >= 0 ? arrival[failAt] : sendable == 0 ? 0 : arrival[sendable - 1];
        boolean timedOut = timeoutMs >= 0 && timeoutMs * MS <= stop;
        boolean cut = timedOut || failAt >= 0;
        if (timedOut) {
            stop = timeoutMs * MS;
        }
        try {
            builder.run(gaps, failAt);
            assertTrue(!cut, "run completed, but it should have been cut short");
        } catch (CancellationException timeout) { // an IllegalStateException too: first
            assertTrue(timedOut, "unexpected cancellation " + timeout);
        } catch (IllegalStateException failure) {
            assertTrue(failAt >= 0 && !timedOut, "unexpected failure " + failure);
            assertEquals("arrive failed at " + failAt, failure.getMessage());
        }
        assertEquals(List.of(), arrivals.threads.alive(), "threads left");

        List<Batch> batches = new ArrayList<>(arrivals.batches);
        Set<Integer> seen = new HashSet<>();
        int delivered = 0;
        for (Batch batch : batches) {
            List<Integer> elements = batch.elements();
            assertTrue(!elements.isEmpty() && elements.size() <= size, "batch " + batch);
            for (int i = 1; i < elements.size(); i++) {
                assertTrue(elements.get(i - 1) < elements.get(i), "out of order: " + batch);
            }
            for (int e : elements) {
                assertTrue(seen.add(e), "doubled: " + e);
            }
            delivered += elements.size();
            long first = arrival[elements.get(0)];
            long last = arrival[elements.get(elements.size() - 1)];
            long lingerEnds = first + lingerMs * MS;
            boolean full = elements.size() == size && batch.atNanos() == last;
            boolean lingered = batch.atNanos() == lingerEnds;
            boolean atEnd = !cut && batch.atNanos() == stop;
            assertTrue(
                    full || lingered || atEnd,
                    "handed over at " + batch.atNanos() / MS + " ms: " + batch);
            assertTrue(batch.atNanos() <= lingerEnds, "late: " + batch);
        }
        int sent = arrivals.sent.get();
        long dropped = stats.stage("gather").batchDropped();
        assertEquals(sent, delivered + dropped, "sent = delivered + dropped");
        if (!cut) {
            assertEquals(sendable, delivered);
            assertEquals(0, dropped);
        }
        if (workers == 1) {
            List<Batch> expected = model(arrival, sendable, size, lingerMs * MS, cut, stop);
            if (!cut) {
                assertEquals(expected, batches);
            } else {
                // cut short: the batches handed over are the model's up to the stop
                assertEquals(expected, batches);
            }
        }
    }

    /**
     * The batching rule for one worker: a batch begins with its first element, takes what arrives
     * before its linger ends, and is handed over at its size, at the linger's end, or at the end of
     * the input; with {@code cut}, the batches handed over before {@code stop}.
     */
    private static List<Batch> model(
            long[] arrival, int n, int size, long linger, boolean cut, long stop) {
        List<Batch> batches = new ArrayList<>();
        int i = 0;
        while (i < n) {
            long ends = arrival[i] + linger;
            List<Integer> batch = new ArrayList<>();
            while (i < n && batch.size() < size && arrival[i] < ends) {
                batch.add(i++);
            }
            long at;
            if (batch.size() == size) {
                at = arrival[i - 1];
            } else if (i == n && !cut) {
                at = Math.min(ends, arrival[n - 1]); // the end of the input
            } else {
                at = ends;
            }
            if (cut && at >= stop) {
                break;
            }
            batches.add(new Batch(List.copyOf(batch), at));
        }
        return batches;
    }
}
