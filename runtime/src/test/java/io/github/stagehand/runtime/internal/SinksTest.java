package io.github.stagehand.runtime.internal;

import static io.github.stagehand.runtime.TestThreads.awaitBlocked;
import static io.github.stagehand.runtime.TestThreads.joinOrFail;
import static io.github.stagehand.runtime.TestThreads.startCatching;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Sinks}: {@code done} closes when the last sink is done, not before, and that releases a
 * stage still sending.
 */
// SEPARATE_THREAD: a test stuck in an uninterruptible join is abandoned, not waited for
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SinksTest {

    private final Done done = new Done();

    @Test
    void onlyTheLastSinkClosesDone() {
        Sinks sinks = new Sinks(done, 3);

        sinks.sinkDone();
        sinks.sinkDone();
        assertFalse(done.isClosed(), "closed before the last sink");

        sinks.sinkDone();
        assertTrue(done.isClosed());
        assertNull(done.cause(), "the end of a pipeline is no failure");
    }

    @Test
    void aFailureThatClosedDoneFirstKeepsItsCause() {
        Sinks sinks = new Sinks(done, 1);
        IllegalStateException failure = new IllegalStateException("a stage failed");
        done.close(failure);

        sinks.sinkDone();

        assertSame(failure, done.cause());
    }

    @Test
    void sinksEndingAtOnceCloseDoneAndReleaseAStageStillSending() throws InterruptedException {
        for (int round = 0; round < 100; round++) {
            // given a stage blocked sending to a consumer that never reads, and four sinks
            Done roundDone = new Done();
            Channel<Integer> unread = new Channel<>(0, roundDone);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread producer = startCatching("producer", thrown, () -> unread.send(1));
            awaitBlocked(producer);
            Sinks sinks = new Sinks(roundDone, 4);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> sinkThreads = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                sinkThreads.add(Thread.ofVirtual().start(() -> awaitThenFinish(start, sinks)));
            }

            // when the sinks all finish at once
            start.countDown();
            for (Thread sink : sinkThreads) {
                joinOrFail(sink);
            }

            // then done is closed and the producer has ended with the cancellation signal
            assertTrue(roundDone.isClosed());
            joinOrFail(producer);
            assertSame(Access.CANCELLED, thrown.get());
        }
    }

    @Test
    void fewerThanOneSinkIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Sinks(done, 0));
    }

    private static void awaitThenFinish(CountDownLatch start, Sinks sinks) {
        try {
            start.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        sinks.sinkDone();
    }
}
