package io.github.stagehand.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.stagehand.runtime.Done;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a stage throws because the scope interrupted it after {@code done} closed is not news: it is
 * neither the failure nor among its suppressed exceptions, whereas a real later failure is.
 */
@Timeout(10)
class StageScopeInterruptNoiseTest {

    @Test
    void interruptCausedExceptionsAfterTheFirstFailureAreNotSuppressed()
            throws InterruptedException {
        // given: two workers that wait for done, then throw what an interrupted NIO read and sleep
        // throw
        Done done = new Done();
        StageScope scope = new StageScope("Noise", done);
        CountDownLatch waiting = new CountDownLatch(2);
        scope.fork(
                "read",
                0,
                () -> {
                    waiting.countDown();
                    done.await();
                    throw new ClosedByInterruptException();
                });
        scope.fork(
                "sleep",
                0,
                () -> {
                    waiting.countDown();
                    done.await();
                    throw new InterruptedException("sleep interrupted");
                });
        waiting.await();

        // when: a third worker fails first
        IOException first = new IOException("first");
        scope.fork(
                "fail",
                0,
                () -> {
                    throw first;
                });
        Throwable failure = scope.join();

        // then: the first failure, with nothing suppressed
        assertSame(first, failure);
        assertArrayEquals(new Throwable[0], LaterFailures.of(failure));
    }

    @Test
    void aRealLaterFailureIsStillSuppressed() throws InterruptedException {
        Done done = new Done();
        StageScope scope = new StageScope("Noise", done);
        CountDownLatch waiting = new CountDownLatch(1);
        IllegalStateException later = new IllegalStateException("later");
        scope.fork(
                "later",
                0,
                () -> {
                    waiting.countDown();
                    done.await();
                    throw later;
                });
        waiting.await();
        IOException first = new IOException("first");
        scope.fork(
                "fail",
                0,
                () -> {
                    throw first;
                });

        Throwable failure = scope.join();

        assertSame(first, failure);
        assertArrayEquals(new Throwable[] {later}, LaterFailures.of(failure));
    }
}
