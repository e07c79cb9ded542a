package io.github.stagehand.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.PipelineBuilder;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.Received;
import io.github.stagehand.runtime.StageTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FusedIn}, through {@link StageScope#fusable} and {@link StageScope#input}: a map or flat
 * stage run on the thread of the stage after it, as the generated code wires it.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FusedInTest {

    private static final int N = 20_000;

    private final StageScope scope = new StageScope("P", new Done());
    private final Set<String> fusedThreads = ConcurrentHashMap.newKeySet();

    /** The body of a stage that sends each value doubled, noting the threads it runs on. */
    private FusedIn.FusedBody<Integer, Integer> twice() {
        return (value, results) -> {
            fusedThreads.add(Thread.currentThread().getName());
            results.send(value * 2);
        };
    }

    /** head: sends 0 .. n-1 on an owned channel of 256, as a generated head does. */
    private Channel<Integer> head(int n) {
        Channel<Integer> out = scope.channel("head -> stage", 256);
        scope.fork(
                "head",
                0,
                () -> {
                    try {
                        for (int i = 0; i < n; i++) {
                            out.send(i);
                        }
                    } finally {
                        out.close();
                    }
                });
        return out;
    }

    /** sink: collects its input, through scope.input, on its own thread. */
    private List<Integer> sink(Channel<Integer> in, AtomicReference<Throwable> seen) {
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        In<Integer> input = scope.input(in);
        scope.fork(
                "sink",
                0,
                () -> {
                    try {
                        for (Integer v : input) {
                            got.add(v);
                        }
                    } catch (Throwable t) {
                        seen.set(t);
                        throw t;
                    }
                    scope.done().close();
                });
        return got;
    }

    @Test
    void aFusedStageRunsOnTheThreadAfterItUnderItsOwnNameInOrder() {
        // given head -> twice (fusable) -> sink
        Channel<Integer> in = head(N);
        Channel<Integer> out = scope.channel("twice -> sink", 256);
        scope.fusable("twice", in, out, twice());
        List<Integer> got = sink(out, new AtomicReference<>());

        // when the run ends
        assertNull(scope.join());

        // then every element came doubled, in order, and twice ran named for itself on sink's
        // thread (and, had two runs of its calls in a row been slowed down by a loaded machine,
        // on a thread of its own after them)
        assertEquals(IntStream.range(0, N).map(i -> i * 2).boxed().toList(), got);
        assertTrue(fusedThreads.contains("P.twice#0 (on P.sink#0)"), fusedThreads.toString());
        assertTrue(
                Set.of("P.twice#0 (on P.sink#0)", "P.twice#0").containsAll(fusedThreads),
                fusedThreads.toString());
    }

    @Test
    void aFlatStageMaySendNothingOrSeveralForEachInput() {
        // given a fused flat stage that drops odd values and sends even ones three times
        Channel<Integer> in = head(N);
        Channel<Integer> out = scope.channel("triple -> sink", 256);
        scope.fusable(
                "triple",
                in,
                out,
                (value, results) -> {
                    if (value % 2 == 0) {
                        results.send(value);
                        results.send(value);
                        results.send(value);
                    }
                });
        List<Integer> got = sink(out, new AtomicReference<>());

        assertNull(scope.join());

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < N; i += 2) {
            expected.addAll(List.of(i, i, i));
        }
        assertEquals(expected, got);
    }

    @Test
    void theFusedStagesFailureIsTheRunsAndTheStageAfterItIsCancelled() {
        // given a fused stage that fails on its 500th input
        IllegalStateException boom = new IllegalStateException("boom");
        Channel<Integer> in = head(N);
        Channel<Integer> out = scope.channel("check -> sink", 256);
        scope.fusable(
                "check",
                in,
                out,
                (value, results) -> {
                    if (value == 500) {
                        throw boom;
                    }
                    results.send(value);
                });
        AtomicReference<Throwable> seen = new AtomicReference<>();
        List<Integer> got = sink(out, seen);

        // when the run ends
        Throwable failure = scope.join();

        // then the failure is the stage's own, traced to it, and the sink saw cancellation
        assertSame(boom, failure);
        StageTrace trace = (StageTrace) boom.getSuppressed()[0];
        assertEquals("check", trace.stage());
        assertEquals(0, trace.worker());
        assertInstanceOf(CancelledException.class, seen.get());
        assertEquals(IntStream.range(0, got.size()).boxed().toList(), got);
        assertTrue(got.size() <= 500, "nothing after the failing input: " + got.size());
    }

    @Test
    void aSlowStageMovesToAThreadOfItsOwnAndKeepsTheOrder() {
        // given a fused stage whose calls take 50 microseconds each
        Channel<Integer> in = head(2_000);
        Channel<Integer> out = scope.channel("slow -> sink", 256);
        scope.fusable(
                "slow",
                in,
                out,
                (value, results) -> {
                    fusedThreads.add(Thread.currentThread().getName());
                    long end = System.nanoTime() + 50_000;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                    results.send(value);
                });
        List<Integer> got = sink(out, new AtomicReference<>());

        assertNull(scope.join());

        // then it ran on the sink's thread for its first run only, then on its own, in order
        assertEquals(IntStream.range(0, 2_000).boxed().toList(), got);
        assertEquals(Set.of("P.slow#0 (on P.sink#0)", "P.slow#0"), fusedThreads);
    }

    @Test
    void aStageThatSendsALotForOneInputMovesToAThreadOfItsOwn() {
        // given a fused stage that sends 1,000 values for each input
        Channel<Integer> in = head(50);
        Channel<Integer> out = scope.channel("many -> sink", 16);
        scope.fusable(
                "many",
                in,
                out,
                (value, results) -> {
                    fusedThreads.add(Thread.currentThread().getName());
                    for (int i = 0; i < 1_000; i++) {
                        results.send(value * 1_000 + i);
                    }
                });
        List<Integer> got = sink(out, new AtomicReference<>());

        assertNull(scope.join());

        assertEquals(IntStream.range(0, 50_000).boxed().toList(), got);
        assertTrue(fusedThreads.contains("P.many#0"), fusedThreads.toString());
    }

    @Test
    void sendsFromAThreadOfTheStagesOwnArriveAndMoveTheStage() {
        // given a fused stage that sends each value from a thread it starts and waits for
        Channel<Integer> in = head(300);
        Channel<Integer> out = scope.channel("relay -> sink", 0);
        scope.fusable(
                "relay",
                in,
                out,
                (value, results) -> {
                    fusedThreads.add(Thread.currentThread().getName());
                    Thread.ofVirtual().start(() -> results.send(value)).join();
                });
        List<Integer> got = sink(out, new AtomicReference<>());

        assertNull(scope.join());

        // then nothing was lost or stuck, in order (each send finished before the next call)
        assertEquals(IntStream.range(0, 300).boxed().toList(), got);
        assertTrue(fusedThreads.contains("P.relay#0"), fusedThreads.toString());
    }

    @Test
    void withStatisticsTheStageRunsOnItsOwnThread() {
        // given a run that keeps statistics
        StageScope counted =
                new StageScope(
                        "P", new Done(), PipelineBuilder.DEFAULT_GRACE_PERIOD, new PipelineStats());
        Channel<Integer> in = counted.channel("head -> twice", 256);
        counted.fork(
                "head",
                0,
                () -> {
                    try {
                        for (int i = 0; i < 100; i++) {
                            in.send(i);
                        }
                    } finally {
                        in.close();
                    }
                });
        Channel<Integer> out = counted.channel("twice -> sink", 256);
        counted.fusable("twice", in, out, twice());
        In<Integer> input = counted.input(out);
        List<Integer> got = new ArrayList<>();
        counted.fork("sink", 0, () -> input.forEach(got::add));

        assertNull(counted.join());

        assertEquals(IntStream.range(0, 100).map(i -> i * 2).boxed().toList(), got);
        assertEquals(Set.of("P.twice#0"), fusedThreads);
    }

    @Test
    void aStageNobodyClaimedStartsOnItsOwnThreadAtJoin() {
        // given a fusable stage whose consumer reads the channel itself
        Channel<Integer> in = head(1_000);
        Channel<Integer> out = scope.channel("twice -> sink", 256);
        scope.fusable("twice", in, out, twice());
        List<Integer> got = new ArrayList<>();
        scope.fork("sink", 0, () -> out.forEach(got::add));

        assertNull(scope.join());

        assertEquals(IntStream.range(0, 1_000).map(i -> i * 2).boxed().toList(), got);
        assertEquals(Set.of("P.twice#0"), fusedThreads);
    }

    @Test
    void aStreamStageWithSeveralWorkersLeavesTheStageBeforeOnItsOwnThread() {
        // given a fusable stage before two workers of a stream stage
        Channel<Integer> in = head(1_000);
        Channel<Integer> out = scope.channel("twice -> pass", 256);
        scope.fusable("twice", in, out, twice());
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < 2; w++) {
            In<Integer> input = scope.input(out, 2);
            scope.fork("pass", w, () -> input.forEach(got::add));
        }

        assertNull(scope.join());

        List<Integer> sorted = new ArrayList<>(got);
        Collections.sort(sorted);
        assertEquals(IntStream.range(0, 1_000).map(i -> i * 2).boxed().toList(), sorted);
        assertEquals(Set.of("P.twice#0"), fusedThreads);
    }

    @Test
    void aTimedReceiveRunsTheStageAndTimesOutWhenItsInputIsQuiet() throws Exception {
        // given a head that sends one value, then waits to be let go before it ends
        CountDownLatch letGo = new CountDownLatch(1);
        Channel<Integer> in = scope.channel("head -> twice", 4);
        scope.fork(
                "head",
                0,
                () -> {
                    try {
                        in.send(21);
                        letGo.await();
                    } finally {
                        in.close();
                    }
                });
        Channel<Integer> out = scope.channel("twice -> sink", 4);
        scope.fusable("twice", in, out, (value, results) -> results.send(value * 2));
        In<Integer> input = scope.input(out);
        List<Received<Integer>> got = Collections.synchronizedList(new ArrayList<>());
        scope.fork(
                "sink",
                0,
                () -> {
                    got.add(input.receive(Duration.ofSeconds(5)));
                    got.add(input.receive(Duration.ofMillis(20)));
                    letGo.countDown();
                    got.add(input.receive(Duration.ofSeconds(5)));
                });

        assertNull(scope.join());

        assertEquals(new Received.Element<>(42), got.get(0));
        assertInstanceOf(Received.Timeout.class, got.get(1));
        assertInstanceOf(Received.End.class, got.get(2));
    }

    @Test
    void aFusedStageThatEndsItselfEndsItsOutputWhileDoneStaysOpen() {
        // given a fused stage that throws the cancellation signal on its 10th input, done open
        Channel<Integer> in = head(N);
        Channel<Integer> out = scope.channel("first -> sink", 256);
        scope.fusable(
                "first",
                in,
                out,
                (value, results) -> {
                    if (value == 10) {
                        throw Access.CANCELLED;
                    }
                    results.send(value);
                });
        List<Integer> got = sink(out, new AtomicReference<>());

        assertNull(scope.join());

        assertEquals(IntStream.range(0, 10).boxed().toList(), got);
    }

    @Test
    void onlyTheThreadOfTheStageAfterMayReceive() throws InterruptedException {
        // given a fused input that its stage's thread has received from
        Channel<Integer> in = head(10);
        Channel<Integer> out = scope.channel("twice -> sink", 256);
        scope.fusable("twice", in, out, (value, results) -> results.send(value * 2));
        In<Integer> input = scope.input(out);
        AtomicReference<Throwable> foreign = new AtomicReference<>();
        scope.fork(
                "sink",
                0,
                () -> {
                    input.receive();
                    Thread other =
                            Thread.ofVirtual()
                                    .start(
                                            () -> {
                                                try {
                                                    input.receive();
                                                } catch (Throwable t) {
                                                    foreign.set(t);
                                                }
                                            });
                    other.join();
                    input.forEach(v -> {});
                });

        assertNull(scope.join());

        IllegalStateException e = assertInstanceOf(IllegalStateException.class, foreign.get());
        assertTrue(e.getMessage().contains("@Stage(fuse = false)"), e.getMessage());
    }

    @Test
    void aSinkMayHandItsInputToThreadsOfItsOwn() {
        // given a sink (no fused stage before it) that receives on three threads of its own
        Channel<Integer> in = head(N);
        In<Integer> input = scope.input(in);
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        scope.fork(
                "sink",
                0,
                () -> {
                    List<Thread> threads = new ArrayList<>();
                    for (int t = 0; t < 3; t++) {
                        threads.add(Thread.ofVirtual().start(() -> input.forEach(got::add)));
                    }
                    input.forEach(got::add);
                    for (Thread thread : threads) {
                        thread.join();
                    }
                });

        assertNull(scope.join());

        // then every element was taken exactly once
        Integer[] all = got.toArray(Integer[]::new);
        Arrays.sort(all);
        assertEquals(IntStream.range(0, N).boxed().toList(), Arrays.asList(all));
    }

    @Test
    void cancellingTheRunStopsAConsumerWaitingOnAFusedStage() {
        // given a head that sends nothing, so that the sink waits in the fused stage's receive
        Channel<Integer> in = scope.channel("head -> twice", 4);
        scope.fork("head", 0, () -> scope.done().await());
        Channel<Integer> out = scope.channel("twice -> sink", 4);
        scope.fusable("twice", in, out, (value, results) -> results.send(value * 2));
        AtomicReference<Throwable> seen = new AtomicReference<>();
        sink(out, seen);

        // when the owner closes the run
        Throwable outcome = scope.close();

        // then it ends, and the sink saw cancellation
        assertNull(outcome);
        assertInstanceOf(CancelledException.class, seen.get());
    }
}
