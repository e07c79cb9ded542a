package io.github.stagehand.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link IdleWorkers}: the workers of a map or flat stage that find their shared input empty stand
 * idle while one of them waits on it, and are called back when a run leaves elements behind, when
 * the input ends, or when a worker leaves. Wired as the generated code wires a stage, with {@link
 * WorkerIn} and {@link WorkerOut} on a {@link StageScope}.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdleWorkersTest {

    private final StageScope scope = new StageScope("P", new Done());
    private final Map<String, List<Integer>> perWorker = new ConcurrentHashMap<>();

    /** A flat stage of {@code workers} workers over {@code in}, each noting what it took. */
    private void workers(Channel<Integer> in, int workers, WorkerIn.FlatBody<Integer> body) {
        for (int w = 0; w < workers; w++) {
            List<Integer> mine = Collections.synchronizedList(new ArrayList<>());
            perWorker.put("P.stage#" + w, mine);
            scope.fork(
                    "stage",
                    w,
                    () -> {
                        WorkerOut<Integer> results =
                                new WorkerOut<>(scope.<Integer>channel("unused", 4));
                        new WorkerIn<>(in, workers, results)
                                .each(
                                        value -> {
                                            mine.add(value);
                                            body.accept(value);
                                        });
                    });
        }
    }

    private List<Integer> everyTaken() {
        List<Integer> all = new ArrayList<>();
        perWorker.values().forEach(all::addAll);
        Collections.sort(all);
        return all;
    }

    @Test
    void workersOfATrickleTakeEveryElementOnceInOrderAndEnd() {
        // given a producer that sends 2,000 values one at a time, pausing now and then
        Channel<Integer> in = scope.channel("head -> stage", 256);
        scope.fork(
                "head",
                0,
                () -> {
                    try {
                        for (int i = 0; i < 2_000; i++) {
                            in.send(i);
                            if (i % 50 == 0) {
                                Thread.sleep(1);
                            }
                        }
                    } finally {
                        in.close();
                    }
                });
        workers(in, 4, value -> {});

        assertNull(scope.join());

        // then all were taken once, each worker's in order, and every worker ended
        assertEquals(IntStream.range(0, 2_000).boxed().toList(), everyTaken());
        for (List<Integer> mine : perWorker.values()) {
            assertEquals(mine.stream().sorted().toList(), mine);
        }
    }

    @Test
    void aBacklogCallsIdleWorkersBack() throws InterruptedException {
        // given 4 workers whose first 2,000 elements are quick: three stand idle once the input
        // runs dry, and the snapshot says so
        Channel<Integer> in = scope.channel("head -> stage", 256);
        Set<String> busy = ConcurrentHashMap.newKeySet();
        CountDownLatch fourBusy = new CountDownLatch(4);
        workers(
                in,
                4,
                value -> {
                    if (value < 2_000) {
                        return;
                    }
                    if (busy.add(Thread.currentThread().getName())) {
                        fourBusy.countDown();
                    }
                    fourBusy.await(); // held until all four took a run: they must all be called
                });
        for (int i = 0; i < 2_000; i++) {
            in.send(i);
        }
        String snapshot = scope.snapshot();
        for (int i = 0; i < 5_000 && !(idle(snapshot) == 3 && receiving(snapshot) == 1); i++) {
            Thread.sleep(1);
            snapshot = scope.snapshot();
        }
        assertEquals(3, idle(snapshot), snapshot);
        assertEquals(1, receiving(snapshot), snapshot);

        // when 256 values come at once
        for (int i = 2_000; i < 2_256; i++) {
            in.send(i);
        }
        in.close();

        // then each run left elements behind, so every worker was called back to help
        assertNull(scope.join());
        assertEquals(IntStream.range(0, 2_256).boxed().toList(), everyTaken());
        assertEquals(4, busy.size(), busy.toString());
    }

    /** How many stage threads the snapshot shows waiting on their input. */
    private static int receiving(String snapshot) {
        return (int) snapshot.lines().filter(l -> l.contains("blocked receiving")).count();
    }

    /** How many stage threads the snapshot shows idle. */
    private static int idle(String snapshot) {
        return (int) snapshot.lines().filter(l -> l.contains("idle: another worker")).count();
    }

    @Test
    void workersWhoseCallsAreLongAllWaitOnTheInput() throws InterruptedException {
        // given 3 workers whose every call takes 100 microseconds, on an input that then runs dry
        Channel<Integer> in = scope.channel("head -> stage", 256);
        CountDownLatch done = new CountDownLatch(300);
        workers(
                in,
                3,
                value -> {
                    long end = System.nanoTime() + 100_000;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                    done.countDown();
                });
        for (int i = 0; i < 300; i++) {
            in.send(i);
        }
        done.await();

        // then none stands idle: all wait on the input, as each would alone
        String snapshot = scope.snapshot();
        for (int i = 0; i < 5_000 && !snapshot.contains("3 stage threads alive"); i++) {
            Thread.sleep(1);
            snapshot = scope.snapshot();
        }
        for (int i = 0;
                i < 5_000
                        && snapshot.lines().filter(l -> l.contains("blocked receiving")).count()
                                < 3;
                i++) {
            Thread.sleep(1);
            snapshot = scope.snapshot();
        }
        assertEquals(0, idle(snapshot), snapshot);
        in.close();
        assertNull(scope.join());
    }

    @Test
    void aWorkerThatLeavesHandsTheInputToTheIdleOnes() {
        // given 3 workers over a trickle, one of which stops (its loop ends) at its 10th element
        Channel<Integer> in = scope.channel("head -> stage", 256);
        scope.fork(
                "head",
                0,
                () -> {
                    try {
                        for (int i = 0; i < 3_000; i++) {
                            in.send(i);
                            if (i % 100 == 0) {
                                Thread.sleep(1);
                            }
                        }
                    } finally {
                        in.close();
                    }
                });
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        workers(
                in,
                3,
                value -> {
                    String me = Thread.currentThread().getName();
                    if (seen.merge(me, 1, Integer::sum) == 10 && me.equals("P.stage#0")) {
                        throw Access.CANCELLED; // ends this worker alone: done stays open
                    }
                });

        // then the run ends, and the others took everything after it (but for the rest of the run
        // it held, which a worker that leaves drops, with idle workers or without)
        assertNull(scope.join());
        List<Integer> taken = everyTaken();
        assertTrue(taken.size() > 3_000 - WorkerIn.RUN, taken.size() + " taken");
        assertEquals(2_999, taken.get(taken.size() - 1));
    }

    @Test
    void aFailingWorkerEndsTheIdleOnes() {
        // given workers over an input that never ends, one of which fails on value 5
        IllegalStateException boom = new IllegalStateException("boom");
        Channel<Integer> in = scope.channel("head -> stage", 256);
        scope.fork(
                "head",
                0,
                () -> {
                    for (int i = 0; ; i++) {
                        in.send(i);
                        if (i > 10) {
                            Thread.sleep(1);
                        }
                    }
                });
        workers(
                in,
                4,
                value -> {
                    if (value == 5) {
                        throw boom;
                    }
                });

        // then the failure is the run's, and no worker is left waiting
        assertSame(boom, scope.join());
    }

    @Test
    void closingTheRunEndsIdleWorkers() throws InterruptedException {
        // given 4 workers over an input that brings one element, then nothing
        Channel<Integer> in = scope.channel("head -> stage", 256);
        CountDownLatch took = new CountDownLatch(1);
        scope.fork("head", 0, () -> in.send(1));
        workers(in, 4, value -> took.countDown());
        took.await();

        // when the owner closes the run, then every worker ends (none is left idle)
        assertNull(scope.close());
        assertEquals(List.of(1), everyTaken());
    }
}
