package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.Sleepy;
import io.github.stagehand.example.pipelines.SleepyPipeline;
import io.github.stagehand.runtime.Received;
import io.github.stagehand.runtime.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated pipelines on a {@link VirtualClock}: the hours a head sleeps pass as soon as every
 * thread of the run waits, the thread that started the run counts as one of them while it consumes,
 * and a run that can never go on fails with its snapshot instead of hanging.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualClockPipelineTest {

    @Test
    void aDaysSleepsPassInNoTime() {
        // given a head that sends, then sleeps for an hour, on a virtual clock
        Sleepy sleepy = new Sleepy();
        VirtualClock clock = new VirtualClock();
        List<String> seen = new ArrayList<>();
        try (var out = SleepyPipeline.builder(sleepy).clock(clock).start()) {
            // when the consumer takes 25 values
            for (int i = 0; i < 25; i++) {
                seen.add(out.receive() + "@" + clock.elapsed().toHours() + "h");
            }
        }
        // then each came an hour after the one before, and nothing is left running
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(2 * i + "@" + i + "h");
        }
        assertEquals(expected, seen);
        assertEquals(Duration.ofHours(24), clock.elapsed());
        assertEquals(List.of(), sleepy.threads.alive());
    }

    @Test
    void aTimedReceiveOnTheOutputTimesOutOnTheRunsClock() {
        Sleepy sleepy = new Sleepy();
        VirtualClock clock = new VirtualClock();
        List<String> seen = new ArrayList<>();
        try (var out = SleepyPipeline.builder(sleepy).clock(clock).start()) {
            while (seen.size() < 6) {
                Received<Long> next = out.receive(Duration.ofMinutes(25));
                seen.add(
                        (next instanceof Received.Element<Long> e ? e.value() : "timeout")
                                + "@"
                                + clock.elapsed().toMinutes());
            }
        }
        // the head sends at 0 and 60 minutes: the 25-minute waits time out twice in between
        assertEquals(
                List.of("0@0", "timeout@25", "timeout@50", "2@60", "timeout@85", "timeout@110"),
                seen);
    }

    @Test
    void aRunsTimeoutComesOnItsClock() {
        Sleepy sleepy = new Sleepy();
        VirtualClock clock = new VirtualClock();
        var out = SleepyPipeline.builder(sleepy).clock(clock).timeout(Duration.ofDays(2)).start();
        CancellationException cancelled =
                assertThrows(
                        CancellationException.class,
                        () -> {
                            while (true) {
                                out.receive();
                            }
                        });
        assertInstanceOf(TimeoutException.class, cancelled.getCause());
        assertEquals(Duration.ofDays(2), clock.elapsed());
        assertThrows(CancellationException.class, out::close);
        assertEquals(List.of(), sleepy.threads.alive());
    }

    @Test
    void aConsumerThatWaitsForTheRunWhileTheRunWaitsForItIsToldSo() throws Exception {
        // given a run whose head waits to send, and a consumer that waits for done, not for values
        Sleepy sleepy = new Sleepy();
        VirtualClock clock = new VirtualClock();
        var out = SleepyPipeline.builder(sleepy).clock(clock).pollBuffer(0).twiceBuffer(0).start();
        // when every thread of the run waits in Stagehand: twice to send 0, the head an hour to
        // send 1, and then to send it, and the consumer for done
        out.done().await();
        // then the run failed with the picture of who waits on whom, as soon as no deadline was
        // left that could end a wait
        IllegalStateException deadlock = assertThrows(IllegalStateException.class, out::close);
        assertTrue(deadlock.getMessage().startsWith("deadlock at PT1H"), deadlock.getMessage());
        assertTrue(
                deadlock.getMessage().contains("SleepyPipeline.twice#0  blocked sending"),
                deadlock.getMessage());
        assertTrue(
                deadlock.getMessage().contains("SleepyPipeline.poll#0   blocked sending"),
                deadlock.getMessage());
        assertEquals(Duration.ofHours(1), clock.elapsed());
        assertEquals(List.of(), sleepy.threads.alive());
    }
}
