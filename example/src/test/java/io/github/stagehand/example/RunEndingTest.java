package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.Endings;
import io.github.stagehand.example.pipelines.Endings_InterruptedPipeline;
import io.github.stagehand.example.pipelines.Endings_NullMappedPipeline;
import io.github.stagehand.example.pipelines.Endings_NullSentPipeline;
import io.github.stagehand.example.pipelines.Endings_PrintedPipeline;
import io.github.stagehand.example.pipelines.Endings_SwallowingPipeline;
import io.github.stagehand.example.pipelines.Endings_TruncatedPipeline;
import io.github.stagehand.example.pipelines.Failing;
import io.github.stagehand.example.pipelines.FailingPipeline;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.StageTrace;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a started or run pipeline ends when something goes wrong, as its user sees it: a failed run
 * never looks complete, a null names its stage, a stage's own interrupt keeps {@code close()} free
 * of {@code InterruptedException}, a failure says where it happened, and a stage that swallows its
 * cancellation is reported instead of hanging in silence.
 */
@Timeout(30)
class RunEndingTest {

    @Test
    void aCheckedFailureEndsTheStreamByThrowingNotAsIfComplete() {
        // given a head that throws an IOException after 5 elements
        var out = Endings_TruncatedPipeline.start(10, 5, false);

        // when the caller collects the stream, then it throws instead of returning [0..8]
        CompletionException thrown =
                assertThrows(CompletionException.class, () -> out.stream().toList());
        IOException failure = assertInstanceOf(IOException.class, thrown.getCause());
        assertEquals("gen broke at 5", failure.getMessage());
        // and close() still throws the original exception
        assertSame(failure, assertThrows(IOException.class, out::close));
    }

    @Test
    void anUncheckedFailureEndsTheStreamAsItselfAndTryWithResourcesKeepsIt() {
        List<Integer> received = new ArrayList<>();
        IllegalStateException thrown =
                assertThrows(
                        IllegalStateException.class,
                        () -> {
                            try (var out = Endings_TruncatedPipeline.start(10, 5, true)) {
                                out.forEach(received::add);
                            }
                        });
        assertEquals("gen broke at 5", thrown.getMessage());
        // close() does not throw it a second time: it could not be suppressed on itself
        assertFalse(Arrays.asList(thrown.getSuppressed()).contains(thrown));
        assertTrue(received.size() <= 5, received.toString());
    }

    @Test
    void aCompleteStreamAndTheCallersOwnEarlyExitEndQuietly() throws IOException {
        try (var out = Endings_TruncatedPipeline.start(4, -1, false)) {
            assertEquals(List.of(0, 2, 4, 6), out.stream().toList());
            assertNull(out.receive());
        }
        try (var out = Endings_TruncatedPipeline.start(1_000, -1, false)) {
            assertEquals(0, out.receive());
            out.done().close(); // an early exit from the caller's own side
            assertNull(out.receive());
        }
    }

    @Test
    void aParentsCancellationEndsTheStreamByThrowing() {
        Done parent = new Done();
        var out =
                Endings_TruncatedPipeline.builder()
                        .parent(parent)
                        .start(Integer.MAX_VALUE, -1, false);
        assertEquals(0, out.receive());
        IllegalStateException why = new IllegalStateException("the parent gave up");
        parent.close(why);

        CancellationException thrown =
                assertThrows(CancellationException.class, () -> out.stream().toList());
        assertSame(why, thrown.getCause());
        assertSame(why, assertThrows(CancellationException.class, out::close).getCause());
    }

    @Test
    void aParentThatClosesAfterTheStreamEndedCancelsNothing() throws IOException {
        // found by the stress run: the stream had ended completely, then the parent closed
        Done parent = new Done();
        var out = Endings_TruncatedPipeline.builder().parent(parent).start(3, -1, false);
        assertEquals(List.of(0, 2, 4), out.stream().toList());
        parent.close(new IllegalStateException("too late"));

        out.close(); // every element was delivered: nothing to report
    }

    @Test
    void theCallersInterruptEndsTheStreamByThrowingAndIsKept() {
        var out = Endings_TruncatedPipeline.start(Integer.MAX_VALUE, -1, false);
        assertEquals(0, out.receive());
        Thread.currentThread().interrupt(); // noticed by the first receive that has to wait

        CancellationException thrown =
                assertThrows(CancellationException.class, () -> out.forEach(v -> {}));
        assertInstanceOf(InterruptedException.class, thrown.getCause());
        assertTrue(Thread.interrupted(), "the interrupt status is kept (and cleared here)");
        assertThrows(CancellationException.class, out::close);
    }

    @Test
    void aVoidSinkConsumesEveryElementAndRunReturnsNothing() {
        Endings.Printed printed = new Endings.Printed();
        Endings_PrintedPipeline.run(printed, 100); // a void method: nothing to return
        assertEquals(IntStream.range(0, 100).map(i -> i * i).boxed().toList(), printed.printed);
    }

    @Test
    void aMapStageThatReturnsNullIsNamed() {
        var out = Endings_NullMappedPipeline.start(10);
        NullPointerException thrown =
                assertThrows(NullPointerException.class, () -> out.stream().toList());
        assertTrue(
                thrown.getMessage().startsWith("map stage name returned null"),
                thrown.getMessage());
        assertTrue(thrown.getMessage().contains("make name a flat stage"), thrown.getMessage());
        assertTrue(stageOf(thrown).equals("name"));
    }

    @Test
    void aStageThatSendsNullIsNamed() {
        var out = Endings_NullSentPipeline.start();
        NullPointerException thrown =
                assertThrows(NullPointerException.class, () -> out.stream().toList());
        assertTrue(
                thrown.getMessage().startsWith("Endings_NullSentPipeline.words#0 sent null"),
                thrown.getMessage());
    }

    @Test
    void aStagesOwnInterruptReachesCloseAsACancellation() {
        var out = Endings_InterruptedPipeline.start();
        // drain what came before the failure; the stream then ends by throwing
        assertThrows(CompletionException.class, () -> out.forEach(v -> {}));
        boolean callerWasInterrupted = Thread.currentThread().isInterrupted();

        CancellationException thrown = assertThrows(CancellationException.class, out::close);

        assertInstanceOf(InterruptedException.class, thrown.getCause());
        assertEquals("ticks gave up", thrown.getCause().getMessage());
        assertFalse(callerWasInterrupted || Thread.interrupted(), "the caller was not interrupted");
    }

    @Test
    void aFailureSaysWhichStageAndWorkerThrewItAndWhereTheCallerGotIt() {
        Failing failing = new Failing(7, false);
        IOException thrown =
                assertThrows(IOException.class, () -> FailingPipeline.run(failing, 100));

        StageTrace trace =
                Arrays.stream(thrown.getSuppressed())
                        .filter(StageTrace.class::isInstance)
                        .map(StageTrace.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertEquals("check", trace.stage());
        assertTrue(trace.worker() == 0 || trace.worker() == 1, "worker " + trace.worker());
        assertTrue(trace.getMessage().contains("FailingPipeline.check#"), trace.getMessage());
        assertTrue(
                Arrays.stream(trace.getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(RunEndingTest.class.getName())),
                "the trace shows where run was called");
        assertSame(failing.thrown.get(0), thrown, "the failure itself, not a wrapper");
    }

    @Test
    void aStageThatSwallowsItsCancellationIsReportedAndStillWaitedFor() throws Exception {
        Logger log = Logger.getLogger("io.github.stagehand.runtime");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler =
                new Handler() {
                    @Override
                    public void publish(LogRecord record) {
                        records.add(record);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        log.addHandler(handler);
        log.setUseParentHandlers(false); // the report this test provokes stays out of the build log
        try {
            Endings.Swallowing swallowing = new Endings.Swallowing();
            var out =
                    Endings_SwallowingPipeline.builder(swallowing)
                            .gracePeriod(Duration.ofMillis(20))
                            .start();
            assertEquals(2, out.receive());
            Thread closer = Thread.ofPlatform().start(out::close);
            while (records.stream().noneMatch(r -> r.getMessage().contains(".forever#0"))) {
                assertTrue(closer.isAlive(), "close() returned while forever still ran");
                Thread.sleep(5);
            }
            swallowing.release.set(true);
            closer.join();

            String report =
                    records.stream()
                            .map(LogRecord::getMessage)
                            .filter(m -> m.contains(".forever#0"))
                            .findFirst()
                            .orElseThrow();
            assertTrue(
                    report.startsWith("Endings_SwallowingPipeline.forever#0 is still running"),
                    report);
            assertTrue(report.contains("Endings$Swallowing.forever"), report);
        } finally {
            log.removeHandler(handler);
            log.setUseParentHandlers(true);
        }
    }

    private static String stageOf(Throwable failure) {
        return Arrays.stream(failure.getSuppressed())
                .filter(StageTrace.class::isInstance)
                .map(s -> ((StageTrace) s).stage())
                .findFirst()
                .orElse("?");
    }
}
