package io.github.stagehand.runtime.internal;

import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.TestThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link WorkerIn} and {@link WorkerOut}: a stage worker's input and output taken in runs. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkerRunsTest {

    private final Done done = new Done();

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 7, 256})
    void workersThatShareAnInputTakeEveryElementOnceAndEachSendersInOrder(int capacity)
            throws InterruptedException {
        // given 2 senders of 5,000 values each and 3 workers ranging over their channel in runs
        Channel<Integer> in = new Channel<>(capacity, done);
        Merge senders = new Merge(in, 2);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            int base = s * 5_000;
            threads.add(
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        try {
                                            for (int i = 0; i < 5_000; i++) {
                                                in.send(base + i);
                                            }
                                        } finally {
                                            senders.workerDone();
                                        }
                                    }));
        }
        List<List<Integer>> perWorker = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            List<Integer> mine = new ArrayList<>();
            perWorker.add(mine);
            threads.add(
                    Thread.ofVirtual().start(() -> new WorkerIn<>(in, 3, null).forEach(mine::add)));
        }
        for (Thread thread : threads) {
            joinOrFail(thread);
        }

        // then together they took every value once, and each saw each sender's values in order
        List<Integer> all = new ArrayList<>();
        perWorker.forEach(all::addAll);
        Collections.sort(all);
        assertEquals(IntStream.range(0, 10_000).boxed().toList(), all);
        for (List<Integer> mine : perWorker) {
            for (int s = 0; s < 2; s++) {
                int sender = s;
                List<Integer> fromSender = mine.stream().filter(v -> v / 5_000 == sender).toList();
                assertEquals(fromSender.stream().sorted().toList(), fromSender);
            }
        }
    }

    @Test
    void aRunTakesAtMostTheWorkersShareOfWhatIsBuffered() {
        // given 40 elements buffered for 4 workers
        Channel<Integer> in = new Channel<>(64, done);
        for (int i = 0; i < 40; i++) {
            in.send(i);
        }

        // when one worker takes a run, then it took a quarter, and the rest stay buffered
        Object[] run = new Object[WorkerIn.RUN];
        assertEquals(10, Access.API.receiveRun(in, run, 4));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), Arrays.asList(run).subList(0, 10));
        in.close();
        assertEquals(30, receiveAll(in).size());
    }

    @Test
    void aWorkerHandsOnItsResultsBeforeItWaitsForMoreInput() throws InterruptedException {
        // given a worker that squares its input into a buffered channel through a WorkerOut,
        // and a producer that sends its next input only once it has the last one's result
        Channel<Integer> in = new Channel<>(16, done);
        Channel<Integer> out = new Channel<>(16, done);
        Thread worker =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    WorkerOut<Integer> results = new WorkerOut<>(out);
                                    for (Integer n : new WorkerIn<>(in, 1, results)) {
                                        results.send(n * n);
                                    }
                                    results.flush();
                                    out.close();
                                });

        // when it sends, waiting each time for the square (a run held back would never come)
        List<Integer> squares = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            in.send(n);
            squares.add(out.receive());
        }
        in.close();

        // then every result came while the worker waited for input, and the end after them
        assertEquals(List.of(1, 4, 9, 16, 25), squares);
        assertNull(out.receive());
        joinOrFail(worker);
    }

    @Test
    void aRunLongerThanTheFreeSpaceWaitsForRoomAndKeepsItsOrder() throws InterruptedException {
        // given a channel of 4 and a worker that sends 0..99 through a WorkerOut
        Channel<Integer> out = new Channel<>(4, done);
        Thread worker =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    WorkerOut<Integer> results = new WorkerOut<>(out);
                                    for (int i = 0; i < 100; i++) {
                                        results.send(i);
                                    }
                                    results.flush();
                                    out.close();
                                });

        // then a receiver gets them all, in order
        assertEquals(IntStream.range(0, 100).boxed().toList(), receiveAll(out));
        joinOrFail(worker);
    }

    @Test
    void onceDoneClosesNoElementLeftInTheRunIsReturned() {
        // given a worker that took a run of 8 and returned one of them
        Channel<Integer> in = new Channel<>(8, done);
        for (int i = 0; i < 8; i++) {
            in.send(i);
        }
        WorkerIn<Integer> worker = new WorkerIn<>(in, 1, null);
        assertEquals(0, worker.receive());

        // when done closes, then the next receive ends the stage although 7 are left in the run
        done.close();
        assertThrows(CancelledException.class, worker::receive);
    }

    @Test
    void onceDoneClosesASendIntoTheRunEndsTheStage() {
        Channel<Integer> out = new Channel<>(8, done);
        WorkerOut<Integer> results = new WorkerOut<>(out);
        results.send(1);
        done.close();
        assertThrows(CancelledException.class, () -> results.send(2));
    }

    @Test
    void aSendFromAnotherThreadGoesStraightToTheChannel() throws InterruptedException {
        // given a WorkerOut made on this thread, holding one result
        Channel<Integer> out = new Channel<>(8, done);
        WorkerOut<Integer> results = new WorkerOut<>(out);
        results.send(1);

        // when a thread of the user's sends through it, then that value is in the channel at once
        Thread helper = Thread.ofVirtual().start(() -> results.send(2));
        joinOrFail(helper);
        assertEquals(2, out.receive());

        // and the worker's own result comes when it flushes
        results.flush();
        assertEquals(1, out.receive());
    }

    @Test
    void unbufferedEachSendIsARendezvous() throws InterruptedException {
        // given an unbuffered channel and a WorkerOut on it
        Channel<Integer> out = new Channel<>(0, done);
        AtomicInteger sent = new AtomicInteger();
        Thread worker =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    WorkerOut<Integer> results = new WorkerOut<>(out);
                                    results.send(7);
                                    sent.set(1);
                                });

        // then the send waits for its receiver, as Go's does
        TestThreads.awaitBlocked(worker);
        assertEquals(0, sent.get());
        assertEquals(7, out.receive());
        joinOrFail(worker);
        assertEquals(1, sent.get());
    }

    @Test
    void aNullResultFailsNamingTheThread() {
        WorkerOut<String> results = new WorkerOut<>(new Channel<>(8, done));
        NullPointerException e = assertThrows(NullPointerException.class, () -> results.send(null));
        assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
    }

    /** Receives until the channel is closed and drained. */
    private static List<Integer> receiveAll(Channel<Integer> channel) {
        List<Integer> all = new ArrayList<>();
        for (Integer v; (v = channel.receive()) != null; ) {
            all.add(v);
        }
        return all;
    }
}
