package io.github.stagehand.runtime.internal;

import static io.github.stagehand.runtime.TestThreads.awaitBlocked;
import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// SEPARATE_THREAD: a test stuck in an uninterruptible join is abandoned, not waited for
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OrderedMergeTest {

    /** What one worker does with one input: its results, in order (zero or more). */
    @FunctionalInterface
    private interface Work {
        List<Integer> apply(int worker, int input) throws Exception;
    }

    /**
     * Wires {@code gen -> ordered stage (workers) -> out} in {@code scope} the way the generated
     * code does, with gen sending {@code 0..inputs-1}, and returns the ordered stage's output.
     */
    private static Channel<Integer> orderedStage(
            StageScope scope, int inputs, int workers, int inBuffer, int outBuffer, Work work) {
        Channel<Integer> in = scope.channel(inBuffer);
        scope.fork(
                "gen",
                0,
                () -> {
                    try {
                        for (int n = 0; n < inputs; n++) {
                            in.send(n);
                        }
                    } finally {
                        in.close();
                    }
                });
        Channel<Integer> out = scope.channel(outBuffer);
        OrderedMerge<Integer, Integer> order = new OrderedMerge<>(in, out, scope.done(), workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            scope.fork(
                    "work",
                    w,
                    () -> {
                        OrderedMerge<Integer, Integer>.Lane lane = order.lane();
                        try {
                            for (Integer n; (n = lane.receive()) != null; ) {
                                for (int result : work.apply(worker, n)) {
                                    lane.send(result);
                                }
                                lane.release();
                            }
                        } finally {
                            order.workerDone();
                        }
                    });
        }
        return out;
    }

    private static List<Integer> drain(In<Integer> out) {
        List<Integer> received = new ArrayList<>();
        for (Integer v; (v = out.receive()) != null; ) {
            received.add(v);
        }
        return received;
    }

    @ParameterizedTest(name = "seed {0}, {1} workers, in buffer {2}, out buffer {3}")
    @CsvSource({
        "1, 2, 0, 0",
        "2, 4, 0, 0",
        "3, 4, 1, 0",
        "4, 3, 0, 16",
        "5, 8, 16, 16",
        "6, 4, 2, 1",
    })
    void mapKeepsInputOrderUnderRandomDelays(long seed, int workers, int inBuffer, int outBuffer) {
        // given workers that take a random 0-2 ms per input, so they finish out of order
        StageScope scope = new StageScope("Ordered", new Done());
        Random[] randoms = seededRandoms(seed, workers);
        Channel<Integer> out =
                orderedStage(
                        scope,
                        200,
                        workers,
                        inBuffer,
                        outBuffer,
                        (worker, n) -> {
                            LockSupport.parkNanos(randoms[worker].nextInt(2_000_000));
                            return List.of(n * n);
                        });

        // when the consumer drains the output
        List<Integer> received = drain(out);

        // then every result arrived exactly once, in input order
        assertEquals(IntStream.range(0, 200).map(n -> n * n).boxed().toList(), received);
        assertNull(scope.join());
    }

    @ParameterizedTest(name = "seed {0}, {1} workers")
    @CsvSource({"11, 2", "12, 4", "13, 6"})
    void flatKeepsInputOrderAndEachInputsResultsTogether(long seed, int workers) {
        // given workers that emit 0..3 results per input after a random delay
        StageScope scope = new StageScope("Ordered", new Done());
        Random[] randoms = seededRandoms(seed, workers);
        Channel<Integer> out =
                orderedStage(
                        scope,
                        150,
                        workers,
                        0,
                        0,
                        (worker, n) -> {
                            LockSupport.parkNanos(randoms[worker].nextInt(2_000_000));
                            return results(n);
                        });

        List<Integer> received = drain(out);

        List<Integer> expected =
                IntStream.range(0, 150).boxed().flatMap(n -> results(n).stream()).toList();
        assertEquals(expected, received);
        assertNull(scope.join());
    }

    /** Input n yields n % 4 results, each naming n and its position. */
    private static List<Integer> results(int n) {
        return IntStream.range(0, n % 4).map(j -> n * 10 + j).boxed().toList();
    }

    private static Random[] seededRandoms(long seed, int workers) {
        Random[] randoms = new Random[workers];
        for (int w = 0; w < workers; w++) {
            randoms[w] = new Random(seed * 1_000 + w);
        }
        return randoms;
    }

    @Test
    void aLaterResultWaitsForAnEarlierOne() throws InterruptedException {
        // given two workers, where input 0 is held until the test releases it
        StageScope scope = new StageScope("Ordered", new Done());
        CountDownLatch zeroMayFinish = new CountDownLatch(1);
        CountDownLatch oneComputed = new CountDownLatch(1);
        Map<Integer, Thread> threadOf = new ConcurrentHashMap<>();
        Channel<Integer> out =
                orderedStage(
                        scope,
                        6,
                        2,
                        0,
                        0,
                        (worker, n) -> {
                            threadOf.put(n, Thread.currentThread());
                            if (n == 0) {
                                zeroMayFinish.await();
                            }
                            if (n == 1) {
                                oneComputed.countDown();
                            }
                            return List.of(n);
                        });
        List<Integer> received = new ArrayList<>();
        Thread consumer = Thread.ofVirtual().start(() -> received.addAll(drain(out)));

        // when input 1 is computed first, its worker waits for input 0's turn
        oneComputed.await();
        awaitBlocked(threadOf.get(1));
        awaitBlocked(consumer);
        assertTrue(received.isEmpty());

        // then, once input 0 is done, everything arrives in input order
        zeroMayFinish.countDown();
        joinOrFail(consumer);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), received);
        assertNull(scope.join());
    }

    @Test
    void closingDoneWakesALaneWaitingForItsTurn() throws InterruptedException {
        // given lanes on plain threads (no scope, so no interrupts): the lane holding input 0
        // is stuck, and the lane holding input 1 waits for its turn
        Done done = new Done();
        Channel<Integer> in = new Channel<>(2, done);
        in.send(0);
        in.send(1);
        in.close();
        Channel<Integer> out = new Channel<>(0, done);
        OrderedMerge<Integer, Integer> order = new OrderedMerge<>(in, out, done, 2);
        OrderedMerge<Integer, Integer>.Lane first = order.lane();
        assertEquals(0, first.receive());
        AtomicReference<Throwable> secondEnded = new AtomicReference<>();
        Thread second =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    OrderedMerge<Integer, Integer>.Lane lane = order.lane();
                                    try {
                                        lane.send(lane.receive() * 10);
                                        lane.release();
                                    } catch (Throwable t) {
                                        secondEnded.set(t);
                                    }
                                });
        awaitBlocked(second);

        // when done closes
        done.close();

        // then the waiting lane ends with the cancellation signal, and so does the stuck one
        joinOrFail(second);
        assertInstanceOf(CancelledException.class, secondEnded.get());
        first.send(0);
        assertThrows(CancelledException.class, first::release);
        assertThrows(CancelledException.class, first::receive);
    }

    @Test
    void interruptingALaneWaitingForItsTurnCancelsAndKeepsTheFlag() throws InterruptedException {
        Done done = new Done();
        Channel<Integer> in = new Channel<>(2, done);
        in.send(0);
        in.send(1);
        in.close();
        OrderedMerge<Integer, Integer> order =
                new OrderedMerge<>(in, new Channel<>(0, done), done, 2);
        assertEquals(0, order.lane().receive());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread waiting =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    OrderedMerge<Integer, Integer>.Lane lane = order.lane();
                                    try {
                                        lane.receive();
                                        lane.release();
                                    } catch (Throwable t) {
                                        thrown.set(t);
                                    }
                                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                                });
        awaitBlocked(waiting);

        waiting.interrupt();

        joinOrFail(waiting);
        assertInstanceOf(CancelledException.class, thrown.get());
        assertTrue(interruptedAfter.get());
        assertInstanceOf(InterruptedException.class, done.cause());
    }

    @Test
    void aFailingInputFailsThePipelineAndReleasesLanesWaitingBehindIt() {
        // given three workers: inputs 1 and 2 are computed and wait for input 0, which fails
        StageScope scope = new StageScope("Ordered", new Done());
        IllegalStateException boom = new IllegalStateException("input 0 failed");
        Map<Integer, Thread> threadOf = new ConcurrentHashMap<>();
        CountDownLatch othersComputed = new CountDownLatch(2);
        Channel<Integer> out =
                orderedStage(
                        scope,
                        3,
                        3,
                        0,
                        0,
                        (worker, n) -> {
                            threadOf.put(n, Thread.currentThread());
                            if (n == 0) {
                                othersComputed.await();
                                awaitBlocked(threadOf.get(1));
                                awaitBlocked(threadOf.get(2));
                                throw boom;
                            }
                            othersComputed.countDown();
                            return List.of(n);
                        });

        // when the consumer drains (it sees the end or the cancellation)
        List<Integer> received = new ArrayList<>();
        try {
            received.addAll(drain(out));
        } catch (CancelledException expected) {
            // done closed while receiving
        }

        // then nothing was delivered out of order, and the pipeline reports the failure
        assertTrue(received.isEmpty(), "results behind a failed input: " + received);
        assertSame(boom, scope.join());
    }

    @Test
    void laneRejectsNull() {
        Done done = new Done();
        OrderedMerge<Integer, Integer> order =
                new OrderedMerge<>(new Channel<>(0, done), new Channel<>(0, done), done, 1);
        assertThrows(NullPointerException.class, () -> order.lane().send(null));
    }

    @Test
    void outputIsClosedOnlyAfterTheLastWorker() {
        Done done = new Done();
        Channel<Integer> out = new Channel<>(0, done);
        OrderedMerge<Integer, Integer> order =
                new OrderedMerge<>(new Channel<>(0, done), out, done, 2);

        order.workerDone();
        assertFalse(out.isClosed());
        order.workerDone();
        assertTrue(out.isClosed());
        assertNull(out.receive());
    }
}
