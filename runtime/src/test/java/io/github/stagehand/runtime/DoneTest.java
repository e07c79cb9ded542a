package io.github.stagehand.runtime;

import static io.github.stagehand.runtime.TestThreads.HANG_GUARD;
import static io.github.stagehand.runtime.TestThreads.awaitBlocked;
import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// SEPARATE_THREAD: a test stuck in an uninterruptible join is abandoned, not waited for
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DoneTest {

    @Test
    void closingWakesEveryBlockedSendAndReceiveOnEveryChannel() throws InterruptedException {
        // given 50 virtual threads blocked on four channels bound to one done:
        // receivers on an empty rendezvous and an empty buffered channel,
        // senders on a rendezvous without receiver and on a full buffered channel
        Done done = new Done();
        Channel<Integer> emptyRendezvous = new Channel<>(0, done);
        Channel<Integer> emptyBuffered = new Channel<>(16, done);
        Channel<Integer> unreceivedRendezvous = new Channel<>(0, done);
        Channel<Integer> fullBuffered = new Channel<>(1, done);
        fullBuffered.send(-1);
        List<Runnable> blockingCalls =
                List.of(
                        emptyRendezvous::receive,
                        emptyBuffered::receive,
                        () -> unreceivedRendezvous.send(1),
                        () -> fullBuffered.send(1));
        ConcurrentLinkedQueue<Throwable> outcomes = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Runnable call = blockingCalls.get(i % blockingCalls.size());
            threads.add(
                    Thread.ofVirtual()
                            .name("blocked-" + i)
                            .start(
                                    () -> {
                                        try {
                                            call.run();
                                            outcomes.add(new AssertionError("returned normally"));
                                        } catch (Throwable t) {
                                            outcomes.add(t);
                                        }
                                    }));
        }
        for (Thread thread : threads) {
            awaitBlocked(thread);
        }
        assertTrue(outcomes.isEmpty(), "nothing may return before done closes: " + outcomes);

        // when done closes, once, from here
        IllegalStateException cause = new IllegalStateException("stop");
        assertTrue(done.close(cause));

        // then all 50 wake with the cancellation signal
        for (Thread thread : threads) {
            joinOrFail(thread);
        }
        assertEquals(50, outcomes.size());
        for (Throwable outcome : outcomes) {
            assertInstanceOf(CancelledException.class, outcome);
        }
        // and every later send and receive is cancelled too
        for (Runnable call : blockingCalls) {
            assertThrows(CancelledException.class, call::run);
        }
        assertThrows(CancelledException.class, () -> emptyBuffered.send(1));
        assertSame(cause, done.cause());
    }

    @Test
    void firstCloseSetsTheCauseAndReturnsTrueOnlyOnce() {
        Done done = new Done();
        assertFalse(done.isClosed());
        assertNull(done.cause());

        RuntimeException first = new RuntimeException("first");
        assertTrue(done.close(first));
        assertFalse(done.close(new RuntimeException("second")));
        done.close();

        assertTrue(done.isClosed());
        assertSame(first, done.cause());
    }

    @Test
    void ownerCloseHasNoCauseAndCannotBeGivenOneLater() {
        Done done = new Done();
        done.close();
        assertFalse(done.close(new RuntimeException("late")));
        assertTrue(done.isClosed());
        assertNull(done.cause());
    }

    @Test
    void onlyOneOfManyConcurrentClosersWins() throws InterruptedException {
        // given 16 threads racing to close one done with their own cause
        Done done = new Done();
        AtomicInteger winners = new AtomicInteger();
        AtomicReference<Throwable> winningCause = new AtomicReference<>();
        List<Thread> closers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            RuntimeException cause = new RuntimeException("closer " + i);
            closers.add(
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        if (done.close(cause)) {
                                            winners.incrementAndGet();
                                            winningCause.set(cause);
                                        }
                                    }));
        }
        for (Thread closer : closers) {
            joinOrFail(closer);
        }

        // then exactly one won, and its cause is the one kept
        assertEquals(1, winners.get());
        assertSame(winningCause.get(), done.cause());
    }

    @Test
    void awaitReturnsWhenClosed() throws InterruptedException {
        // given a thread waiting for done
        Done done = new Done();
        AtomicReference<Boolean> closedSeen = new AtomicReference<>();
        Thread waiter =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        done.await();
                                        closedSeen.set(done.isClosed());
                                    } catch (InterruptedException e) {
                                        closedSeen.set(false);
                                    }
                                });
        awaitBlocked(waiter);
        assertNull(closedSeen.get());

        // when done closes, then the waiter returns and sees it closed
        done.close();
        joinOrFail(waiter);
        assertTrue(closedSeen.get());
        // and awaiting a closed done returns at once
        done.await();
    }

    @Test
    void awaitWithTimeoutReportsWhetherClosed() throws InterruptedException {
        Done done = new Done();
        assertFalse(done.await(Duration.ZERO));
        assertFalse(done.await(Duration.ofMillis(1)));

        done.close();

        assertTrue(done.await(Duration.ZERO));
        assertTrue(done.await(HANG_GUARD));
    }

    @Test
    void awaitWithTimeoutWakesWhenClosed() throws InterruptedException {
        Done done = new Done();
        AtomicReference<Boolean> result = new AtomicReference<>();
        Thread waiter =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        result.set(done.await(Duration.ofMinutes(1)));
                                    } catch (InterruptedException e) {
                                        result.set(null);
                                    }
                                });
        TestThreads.awaitState(waiter, Thread.State.TIMED_WAITING);

        done.close();

        joinOrFail(waiter);
        assertEquals(Boolean.TRUE, result.get());
    }

    @Test
    void awaitIsInterruptible() throws InterruptedException {
        Done done = new Done();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        done.await();
                                    } catch (InterruptedException e) {
                                        thrown.set(e);
                                    }
                                });
        awaitBlocked(waiter);

        waiter.interrupt();

        joinOrFail(waiter);
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertFalse(done.isClosed(), "await does not close done on interrupt");
    }

    @Test
    void parentClosingClosesChildWithParentsCause() {
        // given a child of an open parent
        Done parent = new Done();
        Done child = new Done(parent, null);
        assertFalse(child.isClosed());

        // when the parent closes with a cause
        IllegalStateException cause = new IllegalStateException("parent failed");
        parent.close(cause);

        // then the child is closed with the same cause
        assertTrue(child.isClosed());
        assertSame(cause, child.cause());
    }

    @Test
    void parentClosedWithoutCauseGivesChildACancellationException() {
        Done parent = new Done();
        Done child = new Done(parent, null);

        parent.close();

        assertTrue(child.isClosed());
        assertInstanceOf(CancellationException.class, child.cause());
    }

    @Test
    void childOfAClosedParentIsClosedAtOnce() {
        Done parent = new Done();
        RuntimeException cause = new RuntimeException("gone");
        parent.close(cause);

        Done child = new Done(parent, null);

        assertTrue(child.isClosed());
        assertSame(cause, child.cause());
    }

    @Test
    void childClosingLeavesParentOpen() {
        Done parent = new Done();
        Done child = new Done(parent, null);

        child.close(new RuntimeException("child only"));

        assertFalse(parent.isClosed());
        // and a later parent close no longer touches the child's cause
        parent.close(new RuntimeException("parent"));
        assertEquals("child only", child.cause().getMessage());
    }

    @Test
    void parentCancellationReachesGrandchildrenAndTheirChannels() throws InterruptedException {
        Done root = new Done();
        Done grandchild = new Done(new Done(root, null), null);
        Channel<Integer> channel = new Channel<>(0, grandchild);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread receiver =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        channel.receive();
                                    } catch (Throwable t) {
                                        thrown.set(t);
                                    }
                                });
        awaitBlocked(receiver);

        RuntimeException cause = new RuntimeException("root");
        root.close(cause);

        joinOrFail(receiver);
        assertInstanceOf(CancelledException.class, thrown.get());
        assertSame(cause, grandchild.cause());
    }

    @Test
    void deadlineClosesWithTimeoutException() throws InterruptedException {
        // given a done whose deadline is near
        Done done = new Done(null, Instant.now().plusMillis(20));

        // when it passes (the test's @Timeout guards against never)
        done.await();

        // then the cause says so
        assertInstanceOf(TimeoutException.class, done.cause());
    }

    @Test
    void deadlineInThePastClosesSoon() throws InterruptedException {
        Done done = new Done(null, Instant.now().minusSeconds(1));
        assertTrue(done.await(HANG_GUARD));
        assertInstanceOf(TimeoutException.class, done.cause());
    }

    @Test
    void closingBeforeTheDeadlineKeepsTheOwnersCause() throws InterruptedException {
        Done done = new Done(null, Instant.now().plusMillis(20));
        RuntimeException cause = new RuntimeException("owner");
        assertTrue(done.close(cause));

        // the timer, cancelled or not, can no longer change the cause
        assertFalse(done.close(new TimeoutException()));
        assertSame(cause, done.cause());
    }

    @Test
    void listenerRegisteredBeforeCloseRunsOnceOnTheClosingThread() throws InterruptedException {
        Done done = new Done();
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        done.onClose(
                () -> {
                    runs.incrementAndGet();
                    ranOn.set(Thread.currentThread());
                });
        assertEquals(0, runs.get());

        Thread closer = Thread.ofVirtual().start(done::close);
        joinOrFail(closer);
        done.close();

        assertEquals(1, runs.get());
        assertSame(closer, ranOn.get());
    }

    @Test
    void listenerRegisteredAfterCloseRunsAtOnceOnTheRegisteringThread() {
        Done done = new Done();
        done.close();
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        done.onClose(() -> ranOn.set(Thread.currentThread()));

        assertSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void listenersSeeDoneAlreadyClosedWithItsCause() {
        Done done = new Done();
        RuntimeException cause = new RuntimeException("why");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        done.onClose(() -> seen.set(done.isClosed() ? done.cause() : null));

        done.close(cause);

        assertSame(cause, seen.get());
    }

    @Test
    void toStringShowsState() {
        Done done = new Done();
        assertEquals("Done[open]", done.toString());
        done.close(new RuntimeException("x"));
        assertTrue(done.toString().startsWith("Done[closed"));
    }
}
