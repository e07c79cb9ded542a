package io.github.stagehand.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.Done;
import org.junit.jupiter.api.Test;

/**
 * {@link StageScope#failed}: what the generated code calls before a failed stage closes its output,
 * so that the failure, not an apparently complete stream, is what the consumer sees.
 */
class StageScopeFailedTest {

    @Test
    void recordsTheFailureAtOnceByClosingDoneWithIt() {
        StageScope scope = new StageScope("P", new Done());
        IllegalStateException boom = new IllegalStateException("boom");

        Throwable returned = scope.failed(boom);

        assertSame(boom, returned);
        assertTrue(scope.done().isClosed());
        assertSame(boom, scope.done().cause());
        assertSame(boom, scope.join());
    }

    @Test
    void theSameFailureRecordedTwiceIsNotSuppressedOnItself() throws InterruptedException {
        StageScope scope = new StageScope("P", new Done());
        IllegalStateException boom = new IllegalStateException("boom");

        // as the generated code does: failed() in the catch, then the worker rethrows it
        scope.fork(
                "stage",
                0,
                () -> {
                    throw scope.failed(boom);
                });

        assertSame(boom, scope.join());
        assertArrayEquals(new Throwable[0], LaterFailures.of(boom));
    }

    @Test
    void theCancellationSignalIsNotAFailure() {
        StageScope scope = new StageScope("P", new Done());

        scope.failed(Access.CANCELLED);

        assertFalse(scope.done().isClosed());
        assertNull(scope.close());
    }
}
