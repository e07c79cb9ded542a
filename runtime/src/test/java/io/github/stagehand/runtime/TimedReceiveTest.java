package io.github.stagehand.runtime;

import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Channel#receive(Duration)}: an element, the end of the input or a timeout, told apart;
 * {@code done} and interrupts end it as they end {@code receive()}; and no element is lost or
 * doubled when a timeout and a send race.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimedReceiveTest {

    @Test
    void aBufferedElementIsTakenAtOnceEvenWithAZeroTimeout() {
        Channel<Integer> channel = new Channel<>(4, new Done());
        channel.send(7);

        assertEquals(new Received.Element<>(7), channel.receive(Duration.ZERO));
        assertInstanceOf(Received.Timeout.class, channel.receive(Duration.ZERO));
    }

    @Test
    void aWaitingSenderOfARendezvousIsTakenAtOnce() throws InterruptedException {
        Channel<Integer> channel = new Channel<>(0, new Done());
        Thread sender = Thread.ofVirtual().start(() -> channel.send(3));
        TestThreads.awaitBlocked(sender);

        assertEquals(new Received.Element<>(3), channel.receive(Duration.ZERO));
        joinOrFail(sender);
    }

    @Test
    void nothingWithinTheTimeoutIsATimeoutNeverEarly() {
        Done done = new Done();
        Channel<Integer> channel = new Channel<>(4, done);
        Duration timeout = Duration.ofMillis(30);

        long start = System.nanoTime();
        Received<Integer> received = channel.receive(timeout);
        long waited = System.nanoTime() - start;

        assertInstanceOf(Received.Timeout.class, received);
        assertTrue(waited >= timeout.toNanos(), "waited " + waited + " ns");
        assertFalse(done.isClosed());
        // the timed-out receiver left the queue: a later send is buffered, not handed to it
        channel.send(1);
        assertEquals(new Received.Element<>(1), channel.receive(Duration.ZERO));
    }

    @Test
    void aClosedAndDrainedChannelIsTheEnd() {
        Channel<Integer> channel = new Channel<>(4, new Done());
        channel.send(1);
        channel.close();

        assertEquals(new Received.Element<>(1), channel.receive(Duration.ofHours(1)));
        assertInstanceOf(Received.End.class, channel.receive(Duration.ofHours(1)));
    }

    @Test
    void anElementOrACloseWhileWaitingEndsTheWait() throws InterruptedException {
        Channel<Integer> channel = new Channel<>(0, new Done());
        AtomicReference<Received<Integer>> first = new AtomicReference<>();
        AtomicReference<Received<Integer>> second = new AtomicReference<>();
        Thread receiver =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    first.set(channel.receive(ChronoUnit.FOREVER.getDuration()));
                                    second.set(channel.receive(Duration.ofHours(1)));
                                });
        TestThreads.awaitState(receiver, Thread.State.TIMED_WAITING);
        channel.send(5);
        TestThreads.awaitState(receiver, Thread.State.TIMED_WAITING);
        channel.close();
        joinOrFail(receiver);

        assertEquals(new Received.Element<>(5), first.get());
        assertInstanceOf(Received.End.class, second.get());
    }

    @Test
    void closingDoneEndsATimedWaitWithTheCancellationSignal() throws InterruptedException {
        Done done = new Done();
        Channel<Integer> channel = new Channel<>(4, done);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread receiver =
                TestThreads.startCatching(
                        "receiver", thrown, () -> channel.receive(Duration.ofHours(1)));
        TestThreads.awaitState(receiver, Thread.State.TIMED_WAITING);

        done.close();
        joinOrFail(receiver);

        assertInstanceOf(CancelledException.class, thrown.get());
        assertThrows(CancelledException.class, () -> channel.receive(Duration.ZERO));
    }

    @Test
    void anInterruptDuringATimedWaitCancelsTheRun() throws InterruptedException {
        Done done = new Done();
        Channel<Integer> channel = new Channel<>(4, done);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread receiver =
                TestThreads.startCatching(
                        "receiver", thrown, () -> channel.receive(Duration.ofHours(1)));
        TestThreads.awaitState(receiver, Thread.State.TIMED_WAITING);

        receiver.interrupt();
        joinOrFail(receiver);

        assertInstanceOf(CancelledException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, done.cause());
    }

    @Test
    void anInThatNeverWaitsGivesItsElementsThenTheEndAndNeverTimesOut() {
        // an In over a list, as a test of a sink stage writes one: a lambda
        java.util.Iterator<String> elements = List.of("a", "b").iterator();
        In<String> in = () -> elements.hasNext() ? elements.next() : null;

        assertEquals(new Received.Element<>("a"), in.receive(Duration.ZERO));
        assertEquals(new Received.Element<>("b"), in.receive(Duration.ofHours(1)));
        assertInstanceOf(Received.End.class, in.receive(Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> in.receive(Duration.ofNanos(-1)));
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        Channel<Integer> channel = new Channel<>(4, new Done());

        assertThrows(IllegalArgumentException.class, () -> channel.receive(Duration.ofNanos(-1)));
    }

    /**
     * Two receivers with short random timeouts race a sender that pauses at random: every element
     * arrives exactly once, whichever of a timeout and a hand-off comes first.
     */
    @RepeatedTest(20)
    void racingTimeoutsLoseAndDoubleNothing() throws InterruptedException {
        int n = 2_000;
        SplittableRandom seeds = new SplittableRandom();
        for (int capacity : new int[] {0, 1, 16}) {
            Channel<Integer> channel = new Channel<>(capacity, new Done());
            ConcurrentLinkedQueue<Integer> got = new ConcurrentLinkedQueue<>();
            List<Thread> receivers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                SplittableRandom random = seeds.split();
                receivers.add(Thread.ofVirtual().start(() -> receiveAll(channel, random, got)));
            }
            SplittableRandom pauses = seeds.split();
            for (int i = 0; i < n; i++) {
                channel.send(i);
                if (pauses.nextInt(8) == 0) {
                    LockSupport.parkNanos(pauses.nextInt(30_000));
                }
            }
            channel.close();
            for (Thread receiver : receivers) {
                joinOrFail(receiver);
            }
            List<Integer> all = new ArrayList<>(got);
            Collections.sort(all);
            assertEquals(n, all.size(), "capacity " + capacity);
            for (int i = 0; i < n; i++) {
                assertEquals(i, all.get(i), "capacity " + capacity);
            }
        }
    }

    /** Receives with random short timeouts until the end, adding each element to {@code got}. */
    private static void receiveAll(
            Channel<Integer> channel, SplittableRandom random, Queue<Integer> got) {
        while (true) {
            Duration wait = Duration.ofNanos(random.nextInt(20_000));
            switch (channel.receive(wait)) {
                case Received.Element<Integer> e -> got.add(e.value());
                case Received.Timeout<Integer> t -> {}
                case Received.End<Integer> e -> {
                    return;
                }
            }
        }
    }
}
