package io.github.stagehand.runtime.internal;

import static io.github.stagehand.runtime.TestThreads.awaitBlocked;
import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// SEPARATE_THREAD: a test stuck in an uninterruptible join is abandoned, not waited for
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MergeTest {

    private final Done done = new Done();

    @Test
    void onlyTheLastWorkerClosesTheChannel() {
        Channel<Integer> out = new Channel<>(4, done);
        Merge merge = new Merge(out, 3);

        merge.workerDone();
        merge.workerDone();
        assertFalse(out.isClosed(), "closed before the last worker");

        merge.workerDone();
        assertTrue(out.isClosed());
    }

    @Test
    void singleWorkerClosesAtOnce() {
        Channel<Integer> out = new Channel<>(0, done);
        new Merge(out, 1).workerDone();
        assertTrue(out.isClosed());
    }

    @Test
    void fewerThanOneWorkerIsRejected() {
        Channel<Integer> out = new Channel<>(0, done);
        assertThrows(IllegalArgumentException.class, () -> new Merge(out, 0));
        assertThrows(IllegalArgumentException.class, () -> new Merge(out, -2));
    }

    @Test
    void consumerSeesEveryElementOfEveryWorkerBeforeTheEnd() throws InterruptedException {
        // given four workers sending 100 distinct values each to one unbuffered channel;
        // worker 3 is held back until the other three have finished
        Channel<Integer> out = new Channel<>(0, done);
        Merge merge = new Merge(out, 4);
        CountDownLatch othersFinished = new CountDownLatch(3);
        CountDownLatch releaseLast = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int worker = w;
            workers.add(
                    Thread.ofVirtual()
                            .name("merge#" + w)
                            .start(
                                    () -> {
                                        try {
                                            if (worker == 3) {
                                                releaseLast.await();
                                            }
                                            for (int i = 0; i < 100; i++) {
                                                out.send(worker * 100 + i);
                                            }
                                        } catch (InterruptedException e) {
                                            throw new AssertionError(e);
                                        } finally {
                                            merge.workerDone(); // wg.Done()
                                            if (worker != 3) {
                                                othersFinished.countDown();
                                            }
                                        }
                                    }));
        }

        // when the consumer has taken the first three workers' values and they have all ended
        List<Integer> received = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            received.add(out.receive());
        }
        othersFinished.await();

        // then the channel is still open: a receive waits rather than seeing the end
        assertFalse(out.isClosed(), "three of four workers done must not close the channel");
        Thread lastReceiver =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    for (Integer v; (v = out.receive()) != null; ) {
                                        synchronized (received) {
                                            received.add(v);
                                        }
                                    }
                                });
        awaitBlocked(lastReceiver);
        assertTrue(lastReceiver.isAlive());

        // and once the last worker runs, its values arrive and then the end
        releaseLast.countDown();
        joinOrFail(lastReceiver);
        for (Thread worker : workers) {
            joinOrFail(worker);
        }
        assertTrue(out.isClosed());
        assertNull(out.receive());
        synchronized (received) {
            assertEquals(
                    IntStream.range(0, 400).boxed().toList(), received.stream().sorted().toList());
        }
    }

    @Test
    void failingWorkersStillCloseTheChannelThroughFinally() throws InterruptedException {
        // given workers that fail before sending, with workerDone in finally as generated
        Channel<Integer> out = new Channel<>(0, done);
        Merge merge = new Merge(out, 3);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            workers.add(
                    Thread.ofVirtual()
                            .unstarted(
                                    () -> {
                                        try {
                                            throw new IllegalStateException("worker fails");
                                        } finally {
                                            merge.workerDone();
                                        }
                                    }));
        }
        workers.forEach(worker -> worker.setUncaughtExceptionHandler((t, e) -> {}));
        workers.forEach(Thread::start);

        // when they have all ended
        for (Thread worker : workers) {
            joinOrFail(worker);
        }

        // then the consumer sees the end instead of waiting forever
        assertNull(out.receive());
    }

    @Test
    void theLastWorkerClosesEveryOutletOnceInOrder() {
        // given a stage of three workers whose end closes its input and two outputs
        List<String> closed = new ArrayList<>();
        Merge merge =
                new Merge(
                        3,
                        new Recording("in", closed),
                        new Recording("errors", closed),
                        new Recording("requests", closed));

        // when the workers end one by one
        merge.workerDone();
        merge.workerDone();
        assertEquals(List.of(), closed, "closed before the last worker");
        merge.workerDone();

        // then the last closed each once, in the order given
        assertEquals(List.of("in", "errors", "requests"), closed);
    }

    @Test
    void closingTheInputAndTheOutputsReleasesBothSides() {
        // given a stage's input channel and its two output ports
        Channel<Integer> in = new Channel<>(0, done);
        Channel<Integer> errors = new Channel<>(1, done);
        Channel<Integer> requests = new Channel<>(1, done);
        Merge merge = new Merge(1, in, errors, requests);

        // when its one worker ends
        merge.workerDone();

        // then the upstream is told the stage left, and both consumers see the end
        assertFalse(in.sendOrClosed(1));
        assertNull(errors.receive());
        assertNull(requests.receive());
    }

    @Test
    void concurrentWorkersCloseEachOutletExactlyOnce() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            // given eight workers ending at once
            List<String> closed = Collections.synchronizedList(new ArrayList<>());
            Merge merge = new Merge(8, new Recording("a", closed), new Recording("b", closed));
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                workers.add(
                        Thread.ofVirtual()
                                .start(
                                        () -> {
                                            try {
                                                start.await();
                                            } catch (InterruptedException e) {
                                                throw new AssertionError(e);
                                            }
                                            merge.workerDone();
                                        }));
            }

            // when they all call workerDone
            start.countDown();
            for (Thread worker : workers) {
                joinOrFail(worker);
            }

            // then each outlet was closed once
            assertEquals(List.of("a", "b"), closed);
        }
    }

    @Test
    void outletsMustBeThere() {
        assertThrows(IllegalArgumentException.class, () -> new Merge(0, new Recording("a", null)));
        assertThrows(NullPointerException.class, () -> new Merge(1, (Outlet<?>) null));
    }

    /** An outlet that only records that it was closed. */
    private record Recording(String name, List<String> closed) implements Outlet<Integer> {
        @Override
        public void send(Integer value) {
            throw new AssertionError("a merge sends nothing");
        }

        @Override
        public boolean sendOrClosed(Integer value) {
            throw new AssertionError("a merge sends nothing");
        }

        @Override
        public void close() {
            closed.add(name);
        }
    }
}
