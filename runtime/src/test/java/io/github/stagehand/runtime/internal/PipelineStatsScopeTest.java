package io.github.stagehand.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.ChannelStats;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.StageStats;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistics through the runtime as the generated code calls it, bare {@link StageScope} and {@link
 * Channel}: single sends and receives, runs, a tee of two branches and a merge of two upstreams,
 * each counted exactly, on whatever carriers the JVM has.
 */
@Timeout(60)
class PipelineStatsScopeTest {

    private static final int N = 5_000;

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 16, 256})
    void sendsReceivesAndRunsAreCountedOncePerElement(int capacity) {
        PipelineStats stats = new PipelineStats();
        StageScope scope = new StageScope("P", new Done(), Duration.ofSeconds(1), stats);
        Channel<Integer> numbers = scope.channel("gen -> twice", capacity);
        Channel<Integer> doubled = scope.channel("twice -> sink", capacity);
        Channel<Integer> left = scope.channel("split -> left", capacity);
        Channel<Integer> right = scope.channel("split -> right", capacity);
        Tee<Integer> tee = new Tee<>(scope.done(), left, right);
        scope.fork(
                "gen",
                0,
                () -> {
                    for (int i = 0; i < N; i++) {
                        numbers.send(i);
                    }
                    numbers.close();
                });
        Merge merge = new Merge(doubled, 2);
        for (int w = 0; w < 2; w++) {
            scope.fork(
                    "twice",
                    w,
                    () -> {
                        WorkerOut<Integer> results = new WorkerOut<>(doubled);
                        try {
                            new WorkerIn<>(numbers, 2, results)
                                    .each(
                                            v -> {
                                                results.send(v);
                                                results.send(v);
                                            });
                            results.flush();
                        } finally {
                            merge.workerDone();
                        }
                    });
        }
        scope.fork(
                "split",
                0,
                () -> {
                    try {
                        for (Integer v : doubled) {
                            tee.send(v);
                        }
                    } finally {
                        tee.close();
                    }
                });
        long[] sums = new long[2];
        scope.fork("left", 0, () -> left.forEach(v -> sums[0] += v));
        scope.fork("right", 0, () -> right.forEach(v -> sums[1] += v));

        assertNull(scope.join());

        long expected = 2L * N * (N - 1) / 2;
        assertEquals(expected, sums[0]);
        assertEquals(expected, sums[1]);
        assertCounts(stats.stage("gen"), 0, N);
        assertCounts(stats.stage("twice"), N, 2L * N);
        assertCounts(stats.stage("split"), 2L * N, 2L * N); // each value once, to two branches
        assertCounts(stats.stage("left"), 2L * N, 0);
        assertCounts(stats.stage("right"), 2L * N, 0);
        assertEquals(
                List.of("gen", "twice", "split", "left", "right"),
                stats.stages().stream().map(StageStats::name).toList());
        for (ChannelStats channel : stats.channels()) {
            assertEquals(0, channel.buffered(), channel.toString());
            assertTrue(channel.maxBuffered() <= capacity, channel.toString());
        }
        assertTrue(stats.bottleneck().isPresent());
    }

    private static void assertCounts(StageStats stage, long received, long sent) {
        assertEquals(received, stage.received(), stage.toString());
        assertEquals(sent, stage.sent(), stage.toString());
        assertTrue(
                stage.busyNanos() > 0
                        && stage.receiveWaitNanos() >= 0
                        && stage.sendWaitNanos() >= 0,
                stage.toString());
    }
}
