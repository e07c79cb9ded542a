package io.github.stagehand.runtime.internal;

import static io.github.stagehand.runtime.TestThreads.awaitBlocked;
import static io.github.stagehand.runtime.TestThreads.awaitState;
import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// SEPARATE_THREAD: a test stuck in an uninterruptible join is abandoned, not waited for
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StageScopeTest {

    /** Every thread that ran a stage body, recorded by the body itself. */
    private final ConcurrentLinkedQueue<Thread> stageThreads = new ConcurrentLinkedQueue<>();

    private StageBody recorded(StageBody body) {
        return () -> {
            stageThreads.add(Thread.currentThread());
            body.run();
        };
    }

    private void assertNoStageThreadAlive(int expectedThreads) {
        assertEquals(expectedThreads, stageThreads.size(), "stage threads that ran");
        for (Thread thread : stageThreads) {
            assertFalse(thread.isAlive(), thread.getName() + " is still alive");
        }
    }

    /**
     * The seed's squares pipeline wired by hand as the generated code does: gen -> sq (2 workers,
     * merged). gen sends {@code 1..count}, or forever when count is negative.
     */
    private Channel<Integer> squares(StageScope scope, int count) {
        Channel<Integer> nums = scope.channel(0);
        scope.fork(
                "gen",
                0,
                recorded(
                        () -> {
                            try {
                                for (int n = 1; count < 0 || n <= count; n++) {
                                    nums.send(n);
                                }
                            } finally {
                                nums.close(); // defer close(out)
                            }
                        }));
        Channel<Integer> out = scope.channel(0);
        Merge merge = new Merge(out, 2);
        for (int w = 0; w < 2; w++) {
            scope.fork(
                    "sq",
                    w,
                    recorded(
                            () -> {
                                try {
                                    for (int n : nums) {
                                        out.send(n * n);
                                    }
                                } finally {
                                    merge.workerDone();
                                }
                            }));
        }
        return out;
    }

    @Test
    void threadsAreVirtualAndNamedPipelineDotStageHashWorker() {
        // given the squares pipeline
        StageScope scope = new StageScope("SquaresPipeline", new Done());
        Channel<Integer> out = squares(scope, 3);

        // when it runs to completion
        int sum = 0;
        for (int v : out) {
            sum += v;
        }

        // then it computed the right thing, and its threads read like the source
        assertEquals(1 + 4 + 9, sum);
        assertNull(scope.join());
        assertNoStageThreadAlive(3);
        assertEquals(
                Set.of("SquaresPipeline.gen#0", "SquaresPipeline.sq#0", "SquaresPipeline.sq#1"),
                stageThreads.stream().map(Thread::getName).collect(Collectors.toSet()));
        assertTrue(stageThreads.stream().allMatch(Thread::isVirtual));
    }

    @Test
    void completedPipelineDeliversEverythingAndJoinReturnsNull() {
        StageScope scope = new StageScope("SquaresPipeline", new Done());
        Channel<Integer> out = squares(scope, 200);

        List<Integer> received = out.stream().sorted().toList();

        assertEquals(
                java.util.stream.IntStream.rangeClosed(1, 200).map(n -> n * n).boxed().toList(),
                received);
        assertNull(scope.join());
        assertNoStageThreadAlive(3);
        assertTrue(scope.done().isClosed(), "join closes done on the way out");
        assertNull(scope.done().cause());
    }

    @Test
    void closeAfterEarlyExitReturnsNullAndLeavesNoThreadAlive() {
        // given an endless generator feeding two squarers
        StageScope scope = new StageScope("SquaresPipeline", new Done());
        Channel<Integer> out = squares(scope, -1);

        // when the consumer takes one value and returns early
        int first = out.receive();
        Throwable outcome = scope.close();

        // then the owner's close is no failure, and every stage thread has ended
        assertTrue(first == 1 || first == 4, "first value " + first);
        assertNull(outcome);
        assertNoStageThreadAlive(3);
    }

    @Test
    void firstFailureWinsLaterOnesAreSuppressedCancellationIsNeverReported() {
        // given a scope whose stage "a" (forked last) fails first with a checked exception
        Done done = new Done();
        StageScope scope = new StageScope("P", done);
        Channel<Integer> idle = scope.channel(0);
        IOException first = new IOException("first");
        RuntimeException second = new IllegalStateException("second");
        Error third = new AssertionError("third");
        // "b" workers fail only once done is closed, so strictly after "a"
        scope.fork(
                "b",
                0,
                recorded(
                        () -> {
                            awaitClosedUninterruptibly(done);
                            throw second;
                        }));
        scope.fork(
                "b",
                1,
                recorded(
                        () -> {
                            awaitClosedUninterruptibly(done);
                            throw third;
                        }));
        // "c" is blocked in receive and ends with the cancellation signal
        scope.fork("c", 0, recorded(idle::receive));
        // "d" sleeps, is interrupted by done closing, and lets InterruptedException out
        scope.fork("d", 0, recorded(() -> Thread.sleep(Duration.ofMinutes(1))));
        scope.fork(
                "a",
                0,
                recorded(
                        () -> {
                            throw first;
                        }));

        // when the owner joins
        Throwable failure = scope.join();

        // then the failure is the very exception "a" threw, with the later failures suppressed,
        // and neither the cancellation signal nor our own interrupt is reported
        assertSame(first, failure);
        assertSame(first, done.cause());
        assertEquals(Set.of(second, third), Set.copyOf(Arrays.asList(LaterFailures.of(first))));
        assertNoStageThreadAlive(5);
    }

    @Test
    void ownerCloseAfterAFailureStillReturnsTheFailure() {
        StageScope scope = new StageScope("P", new Done());
        RuntimeException boom = new RuntimeException("boom");
        CountDownLatch failed = new CountDownLatch(1);
        scope.done().onClose(failed::countDown);
        scope.fork(
                "a",
                0,
                recorded(
                        () -> {
                            throw boom;
                        }));
        awaitUninterruptibly(failed);

        assertSame(boom, scope.close());
        assertNoStageThreadAlive(1);
        assertEquals(0, LaterFailures.of(boom).length);
    }

    @Test
    void joinWaitsForEveryThreadEvenOnesSlowToStop() throws InterruptedException {
        // given a stage that, once cancelled, lingers until the test lets it go
        StageScope scope = new StageScope("P", new Done());
        Channel<Integer> idle = scope.channel(0);
        CountDownLatch mayEnd = new CountDownLatch(1);
        scope.fork(
                "slow",
                0,
                recorded(
                        () -> {
                            try {
                                idle.receive();
                            } finally {
                                awaitUninterruptibly(mayEnd);
                            }
                        }));
        scope.fork("quick", 0, recorded(idle::receive));
        AtomicReference<Boolean> allEndedAtReturn = new AtomicReference<>();
        AtomicReference<Throwable> outcome = new AtomicReference<>(new AssertionError("unset"));
        Thread owner =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    outcome.set(scope.close());
                                    allEndedAtReturn.set(
                                            stageThreads.stream().noneMatch(Thread::isAlive));
                                });

        // when done is closed and the owner is waiting in join
        scope.done().await();
        awaitBlocked(owner);
        assertNull(allEndedAtReturn.get(), "close() returned while a stage was still running");

        // then it returns only once the lingering stage has ended
        mayEnd.countDown();
        joinOrFail(owner);
        assertTrue(allEndedAtReturn.get());
        assertNull(outcome.get());
        assertNoStageThreadAlive(2);
    }

    @Test
    void parentCancellationIsReportedWithTheParentsCause() {
        // given a pipeline whose done is the child of a parent
        Done parent = new Done();
        StageScope scope = new StageScope("P", new Done(parent, null));
        Channel<Integer> out = squares(scope, -1);
        out.receive();

        // when the parent closes with a cause
        RuntimeException why = new RuntimeException("parent gave up");
        parent.close(why);
        Throwable outcome = scope.join();

        // then the pipeline reports a cancellation caused by it, and no thread is left
        CancellationException cancelled = assertInstanceOf(CancellationException.class, outcome);
        assertSame(why, cancelled.getCause());
        assertNoStageThreadAlive(3);
    }

    @Test
    void parentClosedWithoutCauseIsReportedAsCancellation() {
        Done parent = new Done();
        StageScope scope = new StageScope("P", new Done(parent, null));
        squares(scope, -1).receive();

        parent.close();
        Throwable outcome = scope.join();

        CancellationException cancelled = assertInstanceOf(CancellationException.class, outcome);
        assertInstanceOf(CancellationException.class, cancelled.getCause());
        assertNoStageThreadAlive(3);
    }

    @Test
    void deadlineIsReportedAsCancellationCausedByTimeout() {
        // given a pipeline nobody consumes, with a near deadline
        StageScope scope = new StageScope("P", new Done(null, Instant.now().plusMillis(20)));
        squares(scope, -1);

        // when the owner joins (the deadline ends it; @Timeout guards against never)
        Throwable outcome = scope.join();

        // then
        CancellationException cancelled = assertInstanceOf(CancellationException.class, outcome);
        assertInstanceOf(TimeoutException.class, cancelled.getCause());
        assertNoStageThreadAlive(3);
    }

    @Test
    void interruptingTheJoiningOwnerCancelsWaitsForAllAndKeepsTheFlag()
            throws InterruptedException {
        // given a running pipeline, a stage that lingers after cancellation, and an owner in join
        StageScope scope = new StageScope("P", new Done());
        squares(scope, -1);
        Channel<Integer> idle = scope.channel(0);
        CountDownLatch mayEnd = new CountDownLatch(1);
        scope.fork(
                "slow",
                0,
                recorded(
                        () -> {
                            try {
                                idle.receive();
                            } finally {
                                awaitUninterruptibly(mayEnd);
                            }
                        }));
        AtomicReference<Throwable> outcome = new AtomicReference<>(new AssertionError("unset"));
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        AtomicReference<Boolean> allEndedAtReturn = new AtomicReference<>();
        Thread owner =
                Thread.ofPlatform()
                        .name("owner")
                        .start(
                                () -> {
                                    outcome.set(scope.join());
                                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                                    allEndedAtReturn.set(
                                            stageThreads.stream().noneMatch(Thread::isAlive));
                                });
        awaitBlocked(owner);

        // when the owner is interrupted
        owner.interrupt();

        // then the pipeline is cancelled, yet join goes on waiting for the lingering stage
        scope.done().await();
        assertInstanceOf(InterruptedException.class, scope.done().cause());
        awaitBlocked(owner);
        assertNull(allEndedAtReturn.get(), "join returned while a stage was still running");
        mayEnd.countDown();
        joinOrFail(owner);
        assertTrue(allEndedAtReturn.get());
        assertTrue(interruptedAfter.get(), "the owner's interrupt flag must stay set");
        CancellationException cancelled =
                assertInstanceOf(CancellationException.class, outcome.get());
        assertInstanceOf(InterruptedException.class, cancelled.getCause());
        assertNoStageThreadAlive(4);
    }

    @Test
    void aStageSleepingOutsideAnyChannelIsInterruptedWhenDoneCloses() {
        // given a stage blocked in Thread.sleep
        StageScope scope = new StageScope("P", new Done());
        AtomicReference<Throwable> sleepEnded = new AtomicReference<>();
        scope.fork(
                "sleeper",
                0,
                recorded(
                        () -> {
                            try {
                                Thread.sleep(Duration.ofMinutes(1));
                            } catch (InterruptedException e) {
                                sleepEnded.set(e);
                                throw e;
                            }
                        }));
        while (stageThreads.isEmpty()) {
            Thread.onSpinWait();
        }
        awaitState(stageThreads.peek(), Thread.State.TIMED_WAITING);

        // when the owner closes the scope
        Throwable outcome = scope.close();

        // then the sleep was interrupted, and the owner's close is not a failure
        assertInstanceOf(InterruptedException.class, sleepEnded.get());
        assertNull(outcome);
        assertNoStageThreadAlive(1);
    }

    @Test
    void aStageForkedAfterDoneClosedIsInterruptedToo() {
        // given a scope already cancelled (a head stage failed while later stages were forked)
        StageScope scope = new StageScope("P", new Done());
        RuntimeException boom = new RuntimeException("boom");
        scope.done().close(boom);

        // when a stage that starts by sleeping is forked afterwards
        AtomicReference<Throwable> sleepEnded = new AtomicReference<>();
        scope.fork(
                "late",
                0,
                recorded(
                        () -> {
                            try {
                                Thread.sleep(Duration.ofMinutes(1));
                            } catch (InterruptedException e) {
                                sleepEnded.set(e);
                            }
                        }));

        // then it does not sleep on: close returns and no thread is left
        Throwable outcome = scope.close();
        assertInstanceOf(InterruptedException.class, sleepEnded.get());
        assertSame(boom, assertInstanceOf(CancellationException.class, outcome).getCause());
        assertNoStageThreadAlive(1);
    }

    @Test
    void aFailureInterruptsASleepingSibling() {
        StageScope scope = new StageScope("P", new Done());
        CountDownLatch asleep = new CountDownLatch(1);
        AtomicReference<Throwable> sleepEnded = new AtomicReference<>();
        scope.fork(
                "sleeper",
                0,
                recorded(
                        () -> {
                            try {
                                asleep.countDown();
                                Thread.sleep(Duration.ofMinutes(1));
                            } catch (InterruptedException e) {
                                sleepEnded.set(e);
                            }
                        }));
        awaitUninterruptibly(asleep);
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        scope.fork(
                "failing",
                0,
                recorded(
                        () -> {
                            throw boom;
                        }));

        Throwable outcome = scope.join();

        assertSame(boom, outcome);
        assertInstanceOf(InterruptedException.class, sleepEnded.get());
        assertEquals(0, LaterFailures.of(boom).length);
        assertNoStageThreadAlive(2);
    }

    @Test
    void manyStagesAllEndOnClose() {
        // given a chain of 50 stages, each forwarding from the previous channel
        StageScope scope = new StageScope("Chain", new Done());
        Channel<Integer> previous = scope.channel(0);
        Channel<Integer> head = previous;
        scope.fork(
                "head",
                0,
                recorded(
                        () -> {
                            for (int n = 0; ; n++) {
                                head.send(n);
                            }
                        }));
        List<String> names = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            Channel<Integer> in = previous;
            Channel<Integer> out = scope.channel(s % 2);
            scope.fork(
                    "s" + s,
                    0,
                    recorded(
                            () -> {
                                try {
                                    for (int v : in) {
                                        out.send(v);
                                    }
                                } finally {
                                    out.close();
                                }
                            }));
            names.add("Chain.s" + s + "#0");
            previous = out;
        }

        // when the consumer reads a few values and closes
        assertEquals(0, previous.receive());
        assertEquals(1, previous.receive());
        Throwable outcome = scope.close();

        // then
        assertNull(outcome);
        assertNoStageThreadAlive(51);
        assertTrue(stageThreads.stream().map(Thread::getName).toList().containsAll(names));
        assertNotNull(scope.done().toString());
    }

    private static void awaitClosedUninterruptibly(Done done) {
        while (!done.isClosed()) {
            try {
                done.await();
            } catch (InterruptedException e) {
                // done closing interrupts every stage; keep waiting for the flag
            }
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
