package io.github.stagehand.runtime;

import static io.github.stagehand.runtime.TestThreads.awaitBlocked;
import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.internal.Merge;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// SEPARATE_THREAD: a test stuck in an uninterruptible join is abandoned, not waited for
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelTest {

    private final Done done = new Done();

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 16})
    void deliversEveryElementInSendOrderThenNull(int capacity) throws InterruptedException {
        // given a producer that sends 0..999 and closes the channel
        Channel<Integer> channel = new Channel<>(capacity, done);
        Thread producer =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    for (int i = 0; i < 1000; i++) {
                                        channel.send(i);
                                    }
                                    channel.close();
                                });

        // when the consumer receives until the channel is closed and drained
        List<Integer> received = new ArrayList<>();
        for (Integer v; (v = channel.receive()) != null; ) {
            received.add(v);
        }

        // then it saw every element once, first in first out, and null ever after
        assertEquals(IntStream.range(0, 1000).boxed().toList(), received);
        assertNull(channel.receive());
        joinOrFail(producer);
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 16})
    void manySendersAndReceiversLoseAndDoubleNothing(int capacity) throws InterruptedException {
        // given 4 senders of 250 distinct values each and 3 receivers
        Channel<Integer> channel = new Channel<>(capacity, done);
        Merge merge = new Merge(channel, 4);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int base = s * 250;
            threads.add(
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        try {
                                            for (int i = 0; i < 250; i++) {
                                                channel.send(base + i);
                                            }
                                        } finally {
                                            merge.workerDone();
                                        }
                                    }));
        }
        List<List<Integer>> perReceiver = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            List<Integer> mine = new ArrayList<>();
            perReceiver.add(mine);
            threads.add(Thread.ofVirtual().start(() -> channel.forEach(mine::add)));
        }
        for (Thread thread : threads) {
            joinOrFail(thread);
        }

        // then the union is every value exactly once, and each sender's values kept their order
        List<Integer> all = new ArrayList<>();
        perReceiver.forEach(all::addAll);
        assertEquals(IntStream.range(0, 1000).boxed().toList(), all.stream().sorted().toList());
        for (List<Integer> mine : perReceiver) {
            for (int s = 0; s < 4; s++) {
                int sender = s;
                List<Integer> fromSender = mine.stream().filter(v -> v / 250 == sender).toList();
                assertEquals(fromSender.stream().sorted().toList(), fromSender);
            }
        }
    }

    @Test
    void rendezvousSendReturnsOnlyOnceReceived() throws InterruptedException {
        // given an unbuffered channel and a sender
        Channel<String> channel = new Channel<>(0, done);
        AtomicBoolean sendReturned = new AtomicBoolean();
        Thread sender =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    channel.send("hello");
                                    sendReturned.set(true);
                                });

        // when nobody receives, the sender blocks in send
        awaitBlocked(sender);
        assertFalse(sendReturned.get());

        // then a receive takes the value and releases the sender
        assertEquals("hello", channel.receive());
        joinOrFail(sender);
        assertTrue(sendReturned.get());
    }

    @Test
    void rendezvousReceiveBlocksUntilSent() throws InterruptedException {
        Channel<String> channel = new Channel<>(0, done);
        AtomicReference<String> received = new AtomicReference<>();
        Thread receiver = Thread.ofVirtual().start(() -> received.set(channel.receive()));

        awaitBlocked(receiver);
        assertNull(received.get());

        channel.send("x");
        joinOrFail(receiver);
        assertEquals("x", received.get());
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void aReceiverWaitsBehindAnotherWaitingReceiver(int capacity) throws InterruptedException {
        // given a receiver waiting on an empty channel
        Channel<String> channel = new Channel<>(capacity, done);
        AtomicReference<String> firstGot = new AtomicReference<>();
        AtomicReference<String> secondGot = new AtomicReference<>();
        Thread first = Thread.ofVirtual().start(() -> firstGot.set(channel.receive()));
        awaitBlocked(first);

        // when a second receiver comes, then it waits too (the first is no sender to take from)
        Thread second = Thread.ofVirtual().start(() -> secondGot.set(channel.receive()));
        awaitBlocked(second);

        // and the values sent go to the receivers in the order they came
        channel.send("x");
        channel.send("y");
        joinOrFail(first);
        joinOrFail(second);
        assertEquals("x", firstGot.get());
        assertEquals("y", secondGot.get());
    }

    @Test
    void aSenderWaitsBehindAnotherWaitingSender() throws InterruptedException {
        // given a sender waiting on a rendezvous channel
        Channel<String> channel = new Channel<>(0, done);
        Thread first = Thread.ofVirtual().start(() -> channel.send("x"));
        awaitBlocked(first);

        // when a second sender comes, then it waits too (the first is no receiver to hand to)
        Thread second = Thread.ofVirtual().start(() -> channel.send("y"));
        awaitBlocked(second);

        // and the values arrive in the order they were offered
        assertEquals("x", channel.receive());
        assertEquals("y", channel.receive());
        joinOrFail(first);
        joinOrFail(second);
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void leftoverUnparkDoesNotEndAWaitEarly(int capacity) throws InterruptedException {
        // given a receiver holding a permit, as a wake-up that came after it stopped waiting
        // leaves one (on one carrier a waker unparks without asking, Parking)
        Channel<String> channel = new Channel<>(capacity, done);
        AtomicReference<String> received = new AtomicReference<>();
        Thread receiver =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    LockSupport.unpark(Thread.currentThread());
                                    received.set(channel.receive());
                                });

        // when it receives on an empty channel, then its park returns at once but it waits on
        awaitBlocked(receiver);
        assertNull(received.get());

        channel.send("x");
        joinOrFail(receiver);
        assertEquals("x", received.get());
    }

    @Test
    void bufferedSendBlocksOnlyWhenFull() throws InterruptedException {
        // given a channel of capacity 1 holding one element (that send returned at once)
        Channel<Integer> channel = new Channel<>(1, done);
        channel.send(1);

        // when a second send is attempted
        AtomicBoolean secondReturned = new AtomicBoolean();
        Thread sender =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    channel.send(2);
                                    secondReturned.set(true);
                                });

        // then it waits for room, and a receive makes room
        awaitBlocked(sender);
        assertFalse(secondReturned.get());
        assertEquals(1, channel.receive());
        joinOrFail(sender);
        assertTrue(secondReturned.get());
        assertEquals(2, channel.receive());
    }

    @Test
    void closedChannelIsDrainedThenReturnsNull() {
        // given a buffered channel holding three elements
        Channel<Integer> channel = new Channel<>(16, done);
        channel.send(1);
        channel.send(2);
        channel.send(3);

        // when it is closed (twice: harmless)
        channel.close();
        channel.close();

        // then the buffered elements are still received, then null, repeatedly
        assertTrue(channel.isClosed());
        assertEquals(1, channel.receive());
        assertEquals(2, channel.receive());
        assertEquals(3, channel.receive());
        assertNull(channel.receive());
        assertNull(channel.receive());
    }

    @Test
    void closeWakesABlockedReceiverWithNull() throws InterruptedException {
        Channel<Integer> channel = new Channel<>(0, done);
        AtomicReference<Object> result = new AtomicReference<>("not yet");
        Thread receiver = Thread.ofVirtual().start(() -> result.set(channel.receive()));
        awaitBlocked(receiver);

        channel.close();

        joinOrFail(receiver);
        assertNull(result.get());
    }

    @Test
    void sendAfterCloseThrowsIllegalState() {
        Channel<Integer> rendezvous = new Channel<>(0, done);
        Channel<Integer> buffered = new Channel<>(16, done);
        rendezvous.close();
        buffered.close();

        assertThrows(IllegalStateException.class, () -> rendezvous.send(1));
        assertThrows(IllegalStateException.class, () -> buffered.send(1));
    }

    @Test
    void closeWakesASenderWaitingForRoomWithIllegalState() throws InterruptedException {
        // given a full buffered channel and a sender waiting for room (a Go sender would panic)
        Channel<Integer> channel = new Channel<>(1, done);
        channel.send(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sender =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        channel.send(2);
                                    } catch (Throwable t) {
                                        thrown.set(t);
                                    }
                                });
        awaitBlocked(sender);

        // when the channel is closed
        channel.close();

        // then the sender fails, and only the element sent before closing is delivered
        joinOrFail(sender);
        assertInstanceOf(IllegalStateException.class, thrown.get());
        assertEquals(1, channel.receive());
        assertNull(channel.receive());
    }

    @Test
    void nullSendThrowsNullPointerException() {
        Channel<Integer> channel = new Channel<>(1, done);
        assertThrows(NullPointerException.class, () -> channel.send(null));
        channel.close();
        assertThrows(NullPointerException.class, () -> channel.send(null));
    }

    @Test
    void negativeCapacityIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Channel<Integer>(-1, done));
        assertThrows(NullPointerException.class, () -> new Channel<Integer>(0, null));
        assertEquals(16, new Channel<Integer>(16, done).capacity());
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 16})
    void iterationEndsAtClose(int capacity) throws InterruptedException {
        Channel<Integer> channel = new Channel<>(capacity, done);
        Thread producer = startProducer(channel, 5);

        List<Integer> received = new ArrayList<>();
        for (int v : channel) {
            received.add(v);
        }

        assertEquals(List.of(0, 1, 2, 3, 4), received);
        joinOrFail(producer);
        Iterator<Integer> exhausted = channel.iterator();
        assertFalse(exhausted.hasNext());
        assertThrows(NoSuchElementException.class, exhausted::next);
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 16})
    void streamEndsAtClose(int capacity) throws InterruptedException {
        Channel<Integer> channel = new Channel<>(capacity, done);
        Thread producer = startProducer(channel, 5);

        assertEquals(List.of(0, 2, 4, 6, 8), channel.stream().map(v -> v * 2).toList());
        joinOrFail(producer);
    }

    @Test
    void operationsAfterDoneClosedAreCancelledEvenWithBufferedElements() {
        // given a buffered channel with an element, and done closed
        Channel<Integer> channel = new Channel<>(16, done);
        channel.send(1);
        done.close();

        // then no stage takes new work: send and receive are cancelled, iteration too
        assertSame(
                CancelledException.INSTANCE,
                assertThrows(CancelledException.class, channel::receive));
        assertThrows(CancelledException.class, () -> channel.send(2));
        assertThrows(CancelledException.class, () -> channel.iterator().hasNext());
        // done takes precedence over the channel's own closing
        channel.close();
        assertThrows(CancelledException.class, () -> channel.send(3));
    }

    @Test
    void channelCreatedAfterDoneClosedIsCancelled() {
        done.close();
        Channel<Integer> channel = new Channel<>(0, done);
        assertThrows(CancelledException.class, channel::receive);
        assertThrows(CancelledException.class, () -> channel.send(1));
    }

    @Test
    void interruptedReceiverClosesDoneWithInterruptedExceptionAndKeepsFlag()
            throws InterruptedException {
        // given a receiver blocked on an empty channel
        Channel<Integer> channel = new Channel<>(0, done);
        Outcome outcome = new Outcome();
        Thread receiver = Thread.ofVirtual().start(() -> outcome.run(channel::receive));
        awaitBlocked(receiver);

        // when it is interrupted
        receiver.interrupt();

        // then it ends with the cancellation signal, keeps its interrupt, and done is closed
        joinOrFail(receiver);
        outcome.assertCancelledAndInterrupted();
        assertTrue(done.isClosed());
        assertInstanceOf(InterruptedException.class, done.cause());
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void interruptedSenderClosesDoneWithInterruptedExceptionAndKeepsFlag(int capacity)
            throws InterruptedException {
        // given a sender blocked in send: waiting for a receiver (0) or for room (1, full)
        Channel<Integer> channel = new Channel<>(capacity, done);
        if (capacity > 0) {
            channel.send(0);
        }
        Outcome outcome = new Outcome();
        Thread sender = Thread.ofVirtual().start(() -> outcome.run(() -> channel.send(1)));
        awaitBlocked(sender);

        // when it is interrupted
        sender.interrupt();

        // then
        joinOrFail(sender);
        outcome.assertCancelledAndInterrupted();
        assertInstanceOf(InterruptedException.class, done.cause());
        assertThrows(CancelledException.class, channel::receive);
    }

    @Test
    void alreadyInterruptedThreadIsCancelledWhenItWouldBlock() throws InterruptedException {
        Channel<Integer> channel = new Channel<>(0, done);
        Outcome outcome = new Outcome();
        Thread receiver =
                Thread.ofVirtual()
                        .unstarted(
                                () -> {
                                    Thread.currentThread().interrupt();
                                    outcome.run(channel::receive);
                                });
        receiver.start();

        joinOrFail(receiver);
        outcome.assertCancelledAndInterrupted();
        assertInstanceOf(InterruptedException.class, done.cause());
    }

    @Test
    void interruptedThreadSendsIntoFreeSpaceAndReceivesBufferedElementsWithoutWaiting()
            throws InterruptedException {
        Channel<Integer> channel = new Channel<>(1, done);
        AtomicReference<Integer> received = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread thread =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    Thread.currentThread().interrupt();
                                    channel.send(7); // free space: no wait, so no cancellation
                                    received.set(channel.receive()); // buffered: the same
                                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                                });
        joinOrFail(thread);

        assertEquals(7, received.get());
        assertTrue(stillInterrupted.get(), "the interrupt status is left for the caller");
        assertFalse(done.isClosed(), "an interrupt only a wait would notice leaves done open");
    }

    @Test
    void interruptDoesNotReplaceAnEarlierCause() throws InterruptedException {
        // given done closed with a cause, a later interrupt changes nothing about the cause
        IllegalStateException first = new IllegalStateException("first");
        Channel<Integer> channel = new Channel<>(0, done);
        Outcome outcome = new Outcome();
        CountDownLatch closed = new CountDownLatch(1);
        Thread receiver =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    awaitUninterruptibly(closed);
                                    Thread.currentThread().interrupt();
                                    outcome.run(channel::receive);
                                });
        done.close(first);
        closed.countDown();

        joinOrFail(receiver);
        outcome.assertCancelledAndInterrupted();
        assertSame(first, done.cause());
    }

    private static Thread startProducer(Channel<Integer> channel, int count) {
        return Thread.ofVirtual()
                .start(
                        () -> {
                            for (int i = 0; i < count; i++) {
                                channel.send(i);
                            }
                            channel.close();
                        });
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keep waiting
            }
        }
    }

    /** What a channel operation on another thread ended with. */
    private static final class Outcome {
        private volatile Throwable thrown;
        private volatile boolean interruptedAfter;

        void run(Runnable operation) {
            try {
                operation.run();
            } catch (Throwable t) {
                thrown = t;
            }
            interruptedAfter = Thread.currentThread().isInterrupted();
        }

        void assertCancelledAndInterrupted() {
            assertInstanceOf(CancelledException.class, thrown);
            assertTrue(interruptedAfter, "the interrupt flag must stay set");
        }
    }

    /**
     * Channels count the scheduler's carriers as the JDK does: its parallelism property when set
     * (the one-carrier test execution sets it to 1), else one per core.
     */
    @Test
    void carriersAreTheSchedulersParallelism() {
        String property = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        int expected =
                property != null
                        ? Integer.parseInt(property)
                        : Runtime.getRuntime().availableProcessors();
        assertEquals(expected, Parking.CARRIERS);
    }
}
