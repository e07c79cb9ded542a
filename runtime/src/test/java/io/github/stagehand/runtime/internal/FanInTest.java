package io.github.stagehand.runtime.internal;

import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FanIn}: several upstreams send into one input, which ends only once the last of them has
 * closed its writer; closing one writer twice counts once.
 */
// SEPARATE_THREAD: a test stuck in an uninterruptible join is abandoned, not waited for
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FanInTest {
    private static final int PER_UPSTREAM = 100;

    private final Done done = new Done();

    @Test
    void onlyTheLastWriterToCloseClosesTheInput() {
        Channel<Integer> in = new Channel<>(0, done);
        FanIn<Integer> merged = new FanIn<>(in, 3);
        Outlet<Integer> a = merged.writer();
        Outlet<Integer> b = merged.writer();
        Outlet<Integer> c = merged.writer();

        b.close();
        a.close();
        assertFalse(in.isClosed(), "closed before the last upstream");

        c.close();
        assertTrue(in.isClosed());
    }

    @Test
    void closingOneWriterTwiceCountsOnce() {
        Channel<Integer> in = new Channel<>(0, done);
        FanIn<Integer> merged = new FanIn<>(in, 2);
        Outlet<Integer> a = merged.writer();
        Outlet<Integer> b = merged.writer();

        a.close();
        a.close();
        assertFalse(in.isClosed(), "one upstream closed twice is still one upstream");

        b.close();
        assertTrue(in.isClosed());
    }

    @Test
    void concurrentClosesCountEachWriterOnce() throws InterruptedException {
        for (int round = 0; round < 100; round++) {
            // given four writers of five, each closed twice, by two threads at once
            Channel<Integer> in = new Channel<>(0, done);
            FanIn<Integer> merged = new FanIn<>(in, 5);
            List<Outlet<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < 5; w++) {
                writers.add(merged.writer());
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> closers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Outlet<Integer> writer = writers.get(t / 2);
                closers.add(Thread.ofVirtual().start(() -> awaitThenClose(start, writer)));
            }

            // when they have all closed
            start.countDown();
            for (Thread closer : closers) {
                joinOrFail(closer);
            }

            // then the input waits for the fifth, and ends with it
            assertFalse(in.isClosed(), "round " + round);
            writers.get(4).close();
            assertTrue(in.isClosed());
        }
    }

    @Test
    void takingMoreWritersThanUpstreamsThrows() {
        FanIn<Integer> merged = new FanIn<>(new Channel<>(0, done), 2);
        merged.writer();
        merged.writer();

        assertThrows(IllegalStateException.class, merged::writer);
        assertThrows(IllegalStateException.class, merged::writer, "and again");
    }

    @Test
    void fewerThanOneUpstreamIsRejected() {
        Channel<Integer> in = new Channel<>(0, done);
        assertThrows(IllegalArgumentException.class, () -> new FanIn<>(in, 0));
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 4})
    void theConsumerGetsEveryUpstreamsValuesOnceThenTheEnd(int capacity)
            throws InterruptedException {
        for (int round = 0; round < 20; round++) {
            // given three upstreams sending into one input, each closing its writer when done
            // (some of them twice, as a stage's worker and its scope might)
            Channel<Integer> in = new Channel<>(capacity, done);
            FanIn<Integer> merged = new FanIn<>(in, 3);
            List<Thread> upstreams = new ArrayList<>();
            for (int u = 0; u < 3; u++) {
                Outlet<Integer> writer = merged.writer();
                int base = u * PER_UPSTREAM;
                upstreams.add(Thread.ofVirtual().start(() -> sendAll(writer, base)));
            }

            // when the consumer receives until its input ends
            List<Integer> received = new ArrayList<>();
            for (Integer v; (v = in.receive()) != null; ) {
                received.add(v);
            }

            // then it has every value once, each upstream's in the order sent
            for (Thread upstream : upstreams) {
                joinOrFail(upstream);
            }
            assertEquals(
                    IntStream.range(0, 3 * PER_UPSTREAM).boxed().toList(),
                    received.stream().sorted().toList());
            int[] last = new int[3];
            Arrays.fill(last, -1);
            for (int v : received) {
                assertTrue(v > last[v / PER_UPSTREAM], "upstream " + v / PER_UPSTREAM);
                last[v / PER_UPSTREAM] = v;
            }
        }
    }

    @Test
    void everyWriterSeesAConsumerThatLeft() {
        Channel<Integer> in = new Channel<>(1, done);
        FanIn<Integer> merged = new FanIn<>(in, 2);
        Outlet<Integer> a = merged.writer();
        Outlet<Integer> b = merged.writer();

        in.close(); // the consuming stage ended early and leaves its input

        assertFalse(a.sendOrClosed(1));
        assertFalse(b.sendOrClosed(2));
        assertThrows(IllegalStateException.class, () -> a.send(3));
    }

    @Test
    void writersAreCancelledByDone() {
        FanIn<Integer> merged = new FanIn<>(new Channel<>(1, done), 1);
        Outlet<Integer> writer = merged.writer();

        done.close();

        assertThrows(CancelledException.class, () -> writer.send(1));
        assertThrows(CancelledException.class, () -> writer.sendOrClosed(1));
    }

    private static void sendAll(Outlet<Integer> writer, int base) {
        try {
            for (int i = 0; i < PER_UPSTREAM; i++) {
                if (ThreadLocalRandom.current().nextInt(16) == 0) {
                    Thread.yield();
                }
                writer.send(base + i);
            }
        } finally {
            writer.close(); // defer close(out)
            if (ThreadLocalRandom.current().nextBoolean()) {
                writer.close();
            }
        }
    }

    private static void awaitThenClose(CountDownLatch start, Outlet<Integer> writer) {
        try {
            start.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        writer.close();
    }
}
