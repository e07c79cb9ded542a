package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.stagehand.example.pipelines.Apart;
import io.github.stagehand.example.pipelines.ApartPipeline;
import io.github.stagehand.example.pipelines.Fused;
import io.github.stagehand.example.pipelines.FusedPipeline;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.StageStats;
import io.github.stagehand.runtime.StageTrace;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fusion in a generated pipeline: a flat stage before a sink runs on the sink's thread, under its
 * own name, with its own failure and, when the run keeps them, its own statistics
 * (docs/adr/0023-fusion.md).
 */
@Timeout(60)
class FusionTest {

    private static final String FUSED = "FusedPipeline.explode#0 (on FusedPipeline.sum#0)";

    @Test
    void aFusedStageRunsOnTheSinksThreadUnderItsOwnName() throws InterruptedException {
        Fused fused = new Fused(-1, 0);

        long sum = FusedPipeline.run(fused, 100_000);

        assertEquals(Fused.expected(100_000), sum);
        assertTrue(fused.explodeThreads.contains(FUSED), fused.explodeThreads.toString());
        // its own thread only if two runs of its calls in a row were slow (a loaded machine)
        assertTrue(
                Set.of(FUSED, "FusedPipeline.explode#0").containsAll(fused.explodeThreads),
                fused.explodeThreads.toString());
    }

    @Test
    void aFusedStagesFailureIsRethrownAsItselfAndTracedToIt() {
        Fused fused = new Fused(500, 0);

        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, () -> FusedPipeline.run(fused, 100_000));

        assertEquals("explode failed at 500", thrown.getMessage());
        StageTrace trace =
                Arrays.stream(thrown.getSuppressed())
                        .filter(StageTrace.class::isInstance)
                        .map(StageTrace.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertEquals("explode", trace.stage());
    }

    /**
     * A thread dump of the JVM, virtual threads included, as {@code jcmd <pid> Thread.dump_to_file}
     * writes it.
     */
    private static String threadDump() throws IOException {
        Path file = Files.createTempDirectory("fusion").resolve("threads.txt");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(
                            file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return Files.readString(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    /**
     * Dumps threads until one named {@code name} is at a frame of {@code method}; returns that
     * thread's part of the dump.
     */
    private static String awaitInDump(String name, String method) throws Exception {
        String last = "";
        for (int i = 0; i < 2_000; i++) {
            last = threadDump();
            for (String thread : last.split("\n\s*\n")) {
                if (thread.contains("\"" + name + "\"") && thread.contains(method + "(")) {
                    return thread;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no thread " + name + " at " + method + " in:\n" + last);
    }

    @Test
    void aThreadDumpNamesTheFusedStageWhileItsCodeRuns() throws Exception {
        // given explode held in its own code at value 7, on the sink's thread
        Fused fused = new Fused(-1, 7);
        CompletableFuture<Long> run = CompletableFuture.supplyAsync(() -> run(fused, null));
        try {
            // then a thread dump shows it under explode's name, inside sum's loop
            String thread =
                    awaitInDump(FUSED, "io.github.stagehand.example.pipelines.Fused.explode");
            assertTrue(thread.contains("Fused.sum("), thread);
        } finally {
            fused.release.countDown();
        }
        assertEquals(Fused.expected(1_000), run.get());
    }

    /** FusedPipeline over 1 .. 1,000, with {@code parent} if not null. */
    private static long run(Fused fused, Done parent) {
        try {
            FusedPipeline.Builder builder = FusedPipeline.builder(fused);
            return (parent == null ? builder : builder.parent(parent)).run(1_000);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withStatisticsEachStageIsCountedOnItsOwnThread() throws InterruptedException {
        Fused fused = new Fused(-1, 0);
        PipelineStats stats = new PipelineStats();

        long sum = FusedPipeline.builder(fused).stats(stats).run(3_000);

        assertEquals(Fused.expected(3_000), sum);
        assertEquals(Set.of("FusedPipeline.explode#0"), fused.explodeThreads);
        StageStats explode = stats.stage("explode");
        assertEquals(3_000, explode.received());
        assertEquals(3_000, explode.sent()); // 0, 1 or 2 per value: 1,000 of each
        assertEquals(3_000, stats.stage("sum").received());
    }

    @Test
    void severalWorkersAtRunTimeKeepTheStageOnItsOwnThreads() throws InterruptedException {
        Fused fused = new Fused(-1, 0);

        long sum = FusedPipeline.builder(fused).explodeWorkers(2).run(10_000);

        assertEquals(Fused.expected(10_000), sum);
        assertTrue(
                Set.of("FusedPipeline.explode#0", "FusedPipeline.explode#1")
                        .containsAll(fused.explodeThreads),
                fused.explodeThreads.toString());
    }

    @Test
    void fuseFalseKeepsTheStageOnItsOwnThread() throws InterruptedException {
        Apart apart = new Apart();

        long sum = ApartPipeline.run(apart, 10_000);

        assertEquals(10_000L * 10_001, sum);
        assertEquals(Set.of("ApartPipeline.twice#0"), apart.twiceThreads);
    }

    @Test
    void cancellingTheRunWhileTheFusedStageWaitsEndsIt() throws Exception {
        // given explode held in its own code on the sink's thread
        Fused fused = new Fused(-1, 3);
        Done parent = new Done();
        CompletableFuture<Long> run = CompletableFuture.supplyAsync(() -> run(fused, parent));
        awaitInDump(FUSED, "io.github.stagehand.example.pipelines.Fused.explode");

        // when the parent closes, then the interrupt ends the wait and the run is cancelled
        parent.close();
        ExecutionException failed = assertThrows(ExecutionException.class, run::get);
        assertInstanceOf(CancellationException.class, failed.getCause());
    }
}
