package io.github.stagehand.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.Received;
import io.github.stagehand.runtime.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Runs on a {@link VirtualClock}, through {@link StageScope} as generated code drives it: time
 * passes only while every thread of the run waits in Stagehand, and jumps to the earliest deadline.
 */
class VirtualClockRunTest {

    /** A builder with only the run-wide options, as every generated one has. */
    static final class Options extends PipelineBuilder<Options> {}

    @Test
    void anHourOfSleepsPassesAtOnceAndExactly() {
        VirtualClock clock = new VirtualClock();
        StageScope scope = StageScope.open("P", new Options().clock(clock));
        List<Long> wakes = new ArrayList<>();
        scope.fork(
                "tick",
                0,
                () -> {
                    for (int i = 0; i < 3600; i++) {
                        scope.done().sleep(Duration.ofSeconds(1));
                        wakes.add(clock.nanoTime());
                    }
                });
        assertNull(scope.join());
        assertEquals(Duration.ofHours(1), clock.elapsed());
        assertEquals(3600, wakes.size());
        for (int i = 0; i < wakes.size(); i++) {
            assertEquals((i + 1) * 1_000_000_000L, wakes.get(i));
        }
    }

    @Test
    void aTimedReceiveTimesOutUntilTheSenderWakes() {
        VirtualClock clock = new VirtualClock();
        StageScope scope = StageScope.open("P", new Options().clock(clock));
        Channel<String> channel = scope.channel("a -> b", 0);
        List<String> seen = new ArrayList<>();
        scope.fork(
                "a",
                0,
                () -> {
                    scope.done().sleep(Duration.ofMillis(4500));
                    channel.send("x");
                    channel.close();
                });
        scope.fork(
                "b",
                0,
                () -> {
                    while (true) {
                        Received<String> r = channel.receive(Duration.ofSeconds(1));
                        if (r instanceof Received.End<String>) {
                            break;
                        }
                        seen.add(
                                (r instanceof Received.Element<String> e ? e.value() : "timeout")
                                        + "@"
                                        + clock.elapsed().toMillis());
                    }
                });
        assertNull(scope.join());
        assertEquals(
                List.of("timeout@1000", "timeout@2000", "timeout@3000", "timeout@4000", "x@4500"),
                seen);
    }

    @Test
    void aThreadBlockedOutsideStagehandHoldsTheClock() {
        VirtualClock clock = new VirtualClock();
        StageScope scope = StageScope.open("P", new Options().clock(clock));
        Channel<String> channel = scope.channel("a -> b", 0);
        List<Received<String>> seen = new ArrayList<>();
        scope.fork(
                "a",
                0,
                () -> {
                    Thread.sleep(200); // real time, not the run's: the clock must wait for it
                    channel.send("x");
                    channel.close();
                });
        scope.fork("b", 0, () -> seen.add(channel.receive(Duration.ofSeconds(1))));
        assertNull(scope.join());
        assertEquals(List.of(new Received.Element<>("x")), seen);
        assertEquals(Duration.ZERO, clock.elapsed());
    }

    @Test
    void aRunWhoseThreadsAllWaitForeverFailsWithItsSnapshot() {
        VirtualClock clock = new VirtualClock();
        StageScope scope = StageScope.open("Stuck", new Options().clock(clock));
        Channel<String> ab = scope.channel("a -> b", 0);
        Channel<String> ba = scope.channel("b -> a", 0);
        scope.fork("a", 0, () -> ab.send(ba.receive()));
        scope.fork("b", 0, () -> ba.send(ab.receive()));
        Throwable failure = scope.join();
        IllegalStateException deadlock = assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(deadlock.getMessage().startsWith("deadlock at PT0S"), deadlock.getMessage());
        assertTrue(deadlock.getMessage().contains("Stuck.a#0"), deadlock.getMessage());
        assertTrue(deadlock.getMessage().contains("blocked receiving"), deadlock.getMessage());
    }

    @Test
    void theTimeoutOfARunCountsOnItsClock() {
        VirtualClock clock = new VirtualClock();
        StageScope scope =
                StageScope.open("P", new Options().clock(clock).timeout(Duration.ofMinutes(10)));
        Channel<String> never = scope.channel("nobody -> a", 0);
        scope.fork("a", 0, never::receive);
        Throwable outcome = scope.join();
        CancellationException cancelled = assertInstanceOf(CancellationException.class, outcome);
        assertInstanceOf(TimeoutException.class, cancelled.getCause());
        assertEquals(Duration.ofMinutes(10), clock.elapsed());
    }

    @Test
    void theOwnerCountsUntilItJoins() throws Exception {
        VirtualClock clock = new VirtualClock();
        StageScope scope = StageScope.open("P", new Options().clock(clock));
        Channel<Integer> out = scope.channel("gen -> output", 0);
        scope.fork(
                "gen",
                0,
                () -> {
                    for (int i = 1; i <= 3; i++) {
                        scope.done().sleep(Duration.ofSeconds(i));
                        out.send(i);
                    }
                    out.close();
                });
        Thread.sleep(100); // real time: the owner runs, so the clock holds still
        assertEquals(Duration.ZERO, clock.elapsed());
        List<String> seen = new ArrayList<>();
        for (Integer v; (v = out.receive()) != null; ) {
            seen.add(v + "@" + clock.elapsed().toSeconds());
        }
        assertNull(scope.join());
        assertEquals(List.of("1@1", "2@3", "3@6"), seen);
    }

    @Test
    void theClockNeverRunsAheadOfAThreadItWoke() {
        // producers sleep seeded random gaps on the run's clock and send what time they sent at;
        // the owner receives, and must see each element at exactly that time: had the clock moved
        // while a woken thread had not yet run, some element would arrive late
        long seed = new java.util.Random().nextLong();
        java.util.Random random = new java.util.Random(seed);
        for (int round = 0; round < 50; round++) {
            VirtualClock clock = new VirtualClock();
            StageScope scope = StageScope.open("P", new Options().clock(clock));
            int producers = 1 + random.nextInt(4);
            Channel<long[]> merged = scope.channel("producers -> owner", random.nextInt(3) * 8);
            Merge merge = new Merge(merged, producers);
            long[][] gaps = new long[producers][];
            for (int p = 0; p < producers; p++) {
                gaps[p] = random.longs(1 + random.nextInt(30), 0, 4).map(g -> g * 250).toArray();
                long[] mine = gaps[p];
                scope.fork(
                        "producer",
                        p,
                        () -> {
                            try {
                                for (long gap : mine) {
                                    scope.done().sleep(Duration.ofMillis(gap));
                                    merged.send(new long[] {clock.nanoTime()});
                                }
                            } finally {
                                merge.workerDone();
                            }
                        });
            }
            int received = 0;
            for (long[] sent; (sent = merged.receive()) != null; received++) {
                assertEquals(sent[0], clock.nanoTime(), "seed " + seed + ", round " + round);
            }
            assertNull(scope.join(), "seed " + seed);
            long longest = 0;
            int total = 0;
            for (long[] mine : gaps) {
                longest = Math.max(longest, java.util.Arrays.stream(mine).sum());
                total += mine.length;
            }
            assertEquals(total, received, "seed " + seed);
            assertEquals(Duration.ofMillis(longest), clock.elapsed(), "seed " + seed);
        }
    }
}
