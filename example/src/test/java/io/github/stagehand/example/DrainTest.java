package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.Endless;
import io.github.stagehand.example.pipelines.EndlessPipeline;
import io.github.stagehand.example.pipelines.Sleepy;
import io.github.stagehand.example.pipelines.SleepyPipeline;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineStats;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Draining a run ({@code builder().drain(signal)}) stops its heads and lets everything they sent
 * through: the run completes normally, with nothing lost, where a cancellation would end it at once
 * and throw.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DrainTest {

    @Test
    void drainingStopsAnEndlessHeadAndEveryElementItSentArrives() {
        // given a run whose head sends for ever
        Endless endless = new Endless();
        Done drain = new Done();
        CompletableFuture<Long> run =
                CompletableFuture.supplyAsync(
                        () -> EndlessPipeline.builder(endless).drain(drain).run());
        while (endless.sent.get() < 10_000) {
            LockSupport.parkNanos(100_000);
        }
        // when it is endless
        drain.close();
        // then run returns normally, and the sink counted exactly what the head sent
        long counted = run.join();
        assertEquals(endless.sent.get(), counted);
        assertTrue(counted >= 10_000, "counted " + counted);
        assertEquals(List.of(), endless.threads.alive());
    }

    @Test
    void aHeadDrainedBeforeTheRunStartsSendsOneElementAndNothingIsLost() {
        Endless endless = new Endless();
        Done drain = new Done();
        drain.close();
        assertEquals(1L, EndlessPipeline.builder(endless).drain(drain).run());
        assertEquals(1L, endless.sent.get());
    }

    @Test
    void drainingEndsAHeadsSleepAndTheOutputEndsAsACompleteStream() {
        // given a head that sends 0, then sleeps for an hour
        Sleepy sleepy = new Sleepy();
        Done drain = new Done();
        PipelineStats stats = new PipelineStats();
        try (var out = SleepyPipeline.builder(sleepy).drain(drain).stats(stats).start()) {
            assertEquals(0L, out.receive());
            // when the run is endless during the sleep
            drain.close();
            // then the stream ends as a complete one: no exception, from receive or from close
            assertNull(out.receive());
            assertFalse(out.done().isClosed(), "a drain is not a cancellation");
        }
        assertEquals(List.of(), sleepy.threads.alive());
        assertEquals(1, stats.stage("twice").sent());
    }
}
