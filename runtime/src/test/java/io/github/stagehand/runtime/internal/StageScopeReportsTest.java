package io.github.stagehand.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.StageTrace;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a scope tells about where things went wrong: the {@link StageTrace} on a failure, and the
 * report of a worker that outlives {@code done} by its grace period.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StageScopeReportsTest {
    /** System.Logger's default backend is java.util.logging: listen there. */
    private final Logger log = Logger.getLogger(StageScope.LOGGER);

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private final Handler handler =
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

    @BeforeEach
    void listen() {
        log.addHandler(handler);
        log.setUseParentHandlers(
                false); // the reports these tests provoke stay out of the build log
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(handler);
        log.setUseParentHandlers(true);
    }

    @Test
    void theFirstFailureNamesItsStageAndWorkerAndWhereTheCallerGotIt() {
        StageScope scope = new StageScope("P", new Done());
        IOException boom = new IOException("boom");
        scope.fork("read", 0, () -> {});
        scope.fork(
                "parse",
                3,
                () -> {
                    throw boom;
                });

        Throwable failure = scope.join();
        Throwable again = scope.join();

        assertSame(boom, failure);
        assertSame(boom, again);
        List<StageTrace> traces =
                Arrays.stream(boom.getSuppressed())
                        .filter(StageTrace.class::isInstance)
                        .map(StageTrace.class::cast)
                        .toList();
        assertEquals(1, traces.size(), "one trace, however often the failure is asked for");
        StageTrace trace = traces.get(0);
        assertEquals("parse", trace.stage());
        assertEquals(3, trace.worker());
        assertTrue(trace.getMessage().contains("P.parse#3"), trace.getMessage());
        assertTrue(
                Arrays.stream(trace.getStackTrace())
                        .anyMatch(
                                frame ->
                                        frame.getMethodName()
                                                .equals(
                                                        "theFirstFailureNamesItsStageAndWorkerAndWhereTheCallerGotIt")),
                "the trace's stack is the caller's");
    }

    @Test
    void aWorkerThatOutlivesDoneIsReportedOnceWithItsStackAndStillJoined() throws Exception {
        // given a stage that swallows its cancellation until told to stop
        StageScope scope = new StageScope("P", new Done(), Duration.ofMillis(20));
        Channel<Integer> out = scope.channel(0);
        CountDownLatch release = new CountDownLatch(1);
        scope.fork(
                "stubborn",
                0,
                () -> {
                    while (release.getCount() > 0) {
                        try {
                            out.send(1);
                        } catch (Throwable swallowed) {
                            // the mistake [StageCatchesCancel] warns about; the interrupt that
                            // closing done sends is swallowed with it
                            Thread.yield();
                        }
                    }
                });
        scope.fork("quick", 0, () -> {});

        // when the owner closes, on another thread
        AtomicReference<Throwable> outcome = new AtomicReference<>(new AssertionError("not set"));
        Thread owner = Thread.ofPlatform().start(() -> outcome.set(scope.close()));
        while (records.stream().noneMatch(r -> r.getMessage().startsWith("Who waits on whom"))) {
            assertTrue(owner.isAlive(), "close() returned while a stage was still running");
            Thread.sleep(5);
        }
        assertTrue(owner.isAlive(), "close() goes on waiting after the report");
        release.countDown();
        owner.join();

        // then the stuck worker was reported once, by name and with its stack, and close() waited
        assertEquals(null, outcome.get());
        // (quick is named too if a loaded machine had not ended it within 20 ms)
        List<LogRecord> stubborn =
                records.stream().filter(r -> r.getMessage().startsWith("P.stubborn#0")).toList();
        assertEquals(1, stubborn.size(), records.toString());
        String message = stubborn.get(0).getMessage();
        assertTrue(message.startsWith("P.stubborn#0 is still running 20 ms"), message);
        assertTrue(message.contains("StageScopeReportsTest"), message);
        assertEquals(java.util.logging.Level.WARNING, stubborn.get(0).getLevel());
        // and the report ends with the snapshot of every stage thread still alive
        String picture =
                records.stream()
                        .map(LogRecord::getMessage)
                        .filter(m -> m.startsWith("Who waits on whom"))
                        .findFirst()
                        .orElseThrow();
        assertTrue(picture.startsWith("Who waits on whom, 20 ms after done closed:\nP: "), picture);
        assertTrue(picture.contains("done closed\n  P.stubborn#0  "), picture);
    }

    @Test
    void workersThatEndWithinTheGracePeriodAreNotReported() throws InterruptedException {
        // a grace period far longer than a cancelled send takes to end its stage, even on a
        // loaded machine (with 1 ms, CI once saw the worker still alive when the report ran)
        StageScope scope = new StageScope("P", new Done(), Duration.ofMillis(500));
        Channel<Integer> out = scope.channel(0);
        scope.fork(
                "gen",
                0,
                () -> {
                    for (int i = 0; ; i++) {
                        out.send(i);
                    }
                });
        out.receive();

        assertEquals(null, scope.close());
        Thread.sleep(700); // past the grace period: a report not cancelled would have run
        assertFalse(records.stream().anyMatch(r -> r.getMessage().contains("P.gen#0")));
    }
}
