package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.Graphs;
import io.github.stagehand.example.pipelines.Graphs_TeedPipeline;
import io.github.stagehand.example.pipelines.Observed;
import io.github.stagehand.example.pipelines.ObservedPipeline;
import io.github.stagehand.runtime.ChannelStats;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.StageStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run with {@code stats(...)} counts every element each stage received and sent, divides each
 * worker's time into busy, waiting for input and waiting for room downstream, names the slow stage
 * as the bottleneck wherever it stands, and can be read while it runs without a figure going back.
 */
@Timeout(60)
class PipelineStatsTest {

    private static final List<String> STAGES = List.of("gen", "inc", "twice", "sum");

    @Test
    void countsEveryElementEachStageReceivedAndSent() throws InterruptedException {
        PipelineStats stats = new PipelineStats();

        long sum = ObservedPipeline.builder(new Observed(null, 0, false)).stats(stats).run(500);

        assertEquals(2 * (500L * 501 / 2), sum);
        assertEquals(STAGES, stats.stages().stream().map(StageStats::name).toList());
        assertCounts(stats.stage("gen"), 1, 0, 500);
        assertCounts(stats.stage("inc"), 2, 500, 500);
        assertCounts(stats.stage("twice"), 1, 500, 1000);
        assertCounts(stats.stage("sum"), 1, 1000, 0);
        assertEquals("ObservedPipeline", stats.pipeline());
        assertTrue(stats.elapsedNanos() > 0);
        for (StageStats stage : stats.stages()) {
            assertTrue(stage.busyNanos() + stage.receiveWaitNanos() + stage.sendWaitNanos() > 0);
            assertTrue(stage.busyShare() >= 0 && stage.busyShare() <= 1, stage.toString());
        }
        List<String> channels = new ArrayList<>();
        for (ChannelStats channel : stats.channels()) {
            channels.add(channel.name());
            assertEquals(4, channel.capacity(), channel.toString());
            assertEquals(0, channel.buffered(), channel.toString()); // all received by the end
            assertTrue(
                    channel.maxBuffered() >= 1 && channel.maxBuffered() <= 4, channel.toString());
        }
        assertEquals(List.of("gen -> inc", "inc -> twice", "twice -> sum"), channels);
    }

    private static void assertCounts(StageStats stage, int workers, long received, long sent) {
        assertEquals(workers, stage.workers(), stage.toString());
        assertEquals(received, stage.received(), stage.toString());
        assertEquals(sent, stage.sent(), stage.toString());
    }

    @Test
    void aTeedValueCountsOnceAsSentAndOnceForEachConsumer() {
        PipelineStats stats = new PipelineStats();

        Graphs_TeedPipeline.Result result =
                Graphs_TeedPipeline.builder(new Graphs.Teed()).stats(stats).run(2_000);

        assertEquals(2_000, result.count());
        assertCounts(stats.stage("numbers"), 1, 0, 2_000);
        assertCounts(stats.stage("square"), 2, 2_000, 2_000);
        for (String consumer : List.of("sum", "count", "collect")) {
            assertCounts(stats.stage(consumer), 1, 2_000, 0);
        }
        assertEquals(
                List.of(
                        "numbers -> square",
                        "square -> sum",
                        "square -> count",
                        "square -> collect"),
                stats.channels().stream().map(ChannelStats::name).toList());
    }

    @ParameterizedTest(name = "slow {0}")
    @ValueSource(strings = {"gen", "inc", "sum"})
    void theSlowStageIsTheBottleneckWithItsUpstreamWaitingToSendAndItsDownstreamToReceive(
            String slow) throws InterruptedException {
        PipelineStats stats = new PipelineStats();

        ObservedPipeline.builder(new Observed(slow, 4, false)).stats(stats).run(40);

        assertEquals(slow, stats.bottleneck().orElseThrow().name(), stats.toString());
        int at = STAGES.indexOf(slow);
        StageStats slowest = stats.stage(slow);
        assertTrue(slowest.busyShare() > 0.5, stats.toString());
        for (int i = 0; i < STAGES.size(); i++) {
            StageStats stage = stats.stage(STAGES.get(i));
            double all = stage.busyNanos() + stage.receiveWaitNanos() + stage.sendWaitNanos();
            if (i < at) {
                assertTrue(stage.sendWaitNanos() > all / 2, "upstream sends wait:\n" + stats);
            } else if (i > at) {
                assertTrue(
                        stage.receiveWaitNanos() > all / 2, "downstream receives wait:\n" + stats);
            }
        }
        String table = stats.toString();
        assertEquals(1, table.split("<- bottleneck", -1).length - 1, table);
        assertTrue(
                table.lines()
                        .anyMatch(l -> l.startsWith(slow + " ") && l.endsWith("<- bottleneck")),
                table);
    }

    @Test
    void figuresReadWhileTheRunGoesOnNeverGoBack() throws Exception {
        PipelineStats stats = new PipelineStats();
        Observed observed = new Observed("sum", 1, false);
        CompletableFuture<Long> run =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return ObservedPipeline.builder(observed).stats(stats).run(150);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        long[][] last = new long[STAGES.size()][5];
        int reads = 0;
        int grew = 0;
        while (!run.isDone()) {
            List<StageStats> stages = stats.stages();
            for (int i = 0; i < stages.size(); i++) {
                StageStats s = stages.get(i);
                long[] now = {
                    s.received(), s.sent(), s.busyNanos(), s.receiveWaitNanos(), s.sendWaitNanos()
                };
                for (int k = 0; k < now.length; k++) {
                    assertTrue(now[k] >= last[i][k], s.name() + " figure " + k + " went back");
                    if (now[k] > last[i][k]) {
                        grew++;
                    }
                }
                last[i] = now;
            }
            reads++;
            Thread.sleep(1);
        }
        assertEquals(2 * (150L * 151 / 2), run.get());
        assertTrue(reads > 10, "reads: " + reads);
        assertTrue(grew > 10, "figures that grew between reads: " + grew);
        assertEquals(300, stats.stage("sum").received());
    }

    @Test
    void oneStatsRecordsOneRun() throws InterruptedException {
        PipelineStats stats = new PipelineStats();
        ObservedPipeline.builder(new Observed(null, 0, false)).stats(stats).run(3);

        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                ObservedPipeline.builder(new Observed(null, 0, false))
                                        .stats(stats)
                                        .run(3));
        assertTrue(
                e.getMessage().contains("already records a run of ObservedPipeline"),
                e.getMessage());
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> stats.stage("nope"));
        assertTrue(unknown.getMessage().contains("[gen, inc, twice, sum]"), unknown.getMessage());
    }
}
