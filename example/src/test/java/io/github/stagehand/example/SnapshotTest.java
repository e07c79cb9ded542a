package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.Counted;
import io.github.stagehand.example.pipelines.CountedPipeline;
import io.github.stagehand.example.pipelines.Observed;
import io.github.stagehand.example.pipelines.ObservedPipeline;
import io.github.stagehand.example.pipelines.Sleepy;
import io.github.stagehand.example.pipelines.SleepyPipeline;
import io.github.stagehand.runtime.PipelineStats;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pipeline blocked on purpose explains itself: its snapshot names each live stage thread, the
 * channel it is blocked on and which way, with how full that channel is, or the stage's own code it
 * is in.
 */
@Timeout(60)
class SnapshotTest {

    /** Polls {@code snapshot} until every one of {@code lines} is among its lines. */
    private static String awaitLines(Supplier<String> snapshot, List<String> lines)
            throws InterruptedException {
        String last = "";
        for (int i = 0; i < 5_000; i++) {
            last = snapshot.get();
            List<String> now = last.lines().map(String::strip).toList();
            if (lines.stream().allMatch(l -> now.stream().anyMatch(n -> n.matches(l)))) {
                return last;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("snapshot never showed " + lines + "; the last:\n" + last);
    }

    @Test
    void anOutputNobodyReadsShowsEveryStageBlockedSendingWithoutStats() throws Exception {
        Counted counted = new Counted();
        try (CountedPipeline.Output output =
                CountedPipeline.builder(counted)
                        .genBuffer(4)
                        .squareBuffer(4)
                        .twiceBuffer(4)
                        .start()) {
            String snapshot =
                    awaitLines(
                            output::snapshot,
                            List.of(
                                    "CountedPipeline: 5 stage threads alive",
                                    "CountedPipeline\\.gen#0 +blocked sending on gen -> square \\(4 of 4 buffered\\)",
                                    "CountedPipeline\\.square#0 +blocked sending on square -> twice \\(4 of 4 buffered\\)",
                                    "CountedPipeline\\.square#1 +blocked sending on square -> twice \\(4 of 4 buffered\\)",
                                    "CountedPipeline\\.square#2 +blocked sending on square -> twice \\(4 of 4 buffered\\)",
                                    "CountedPipeline\\.twice#0 +blocked sending on twice -> output \\(4 of 4 buffered\\)"));
            assertEquals(6, snapshot.lines().count(), snapshot);
        }
        assertTrue(counted.threads.alive().isEmpty());
    }

    @Test
    void aSinkHeldInItsOwnCodeIsShownThereAndItsUpstreamBlockedOnIt() throws Exception {
        Observed observed = new Observed(null, 0, true);
        PipelineStats stats = new PipelineStats();
        CompletableFuture<Long> run =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return ObservedPipeline.builder(observed).stats(stats).run(1_000);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        try {
            String snapshot =
                    awaitLines(
                            stats::snapshot,
                            List.of(
                                    "ObservedPipeline\\.gen#0 +blocked sending on gen -> inc \\(4 of 4 buffered\\)",
                                    "ObservedPipeline\\.twice#0 +blocked sending on twice -> sum \\(4 of 4 buffered\\)",
                                    "ObservedPipeline\\.sum#0 +blocked in its stage's code \\(WAITING\\), at"
                                            + " io\\.github\\.stagehand\\.example\\.pipelines\\.Observed\\.sum\\(Observed\\.java:\\d+\\)"));
            assertTrue(snapshot.startsWith("ObservedPipeline: 5 stage threads alive\n"), snapshot);
        } finally {
            observed.release.countDown();
        }
        assertEquals(2 * (1_000L * 1_001 / 2), run.get());
        assertEquals("ObservedPipeline: 0 stage threads alive, done closed\n", stats.snapshot());
    }

    @Test
    void aHeadSleepingBetweenSendsIsShownSleeping() throws Exception {
        Sleepy sleepy = new Sleepy();
        try (var output = SleepyPipeline.start(sleepy)) {
            assertEquals(0L, output.receive());
            awaitLines(
                    output::snapshot,
                    List.of(
                            "SleepyPipeline\\.poll#0 +sleeping in Done\\.sleep or Done\\.await, until"
                                    + " its time comes or done closes",
                            "SleepyPipeline\\.twice#0 +blocked receiving from poll -> twice .*"));
        }
        assertTrue(sleepy.threads.alive().isEmpty());
    }
}
