package io.github.stagehand.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.stagehand.runtime.CancelledException;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void nullIsNoFailure() {
        assertDoesNotThrow(() -> Failures.throwUnchecked(null));
    }

    @Test
    void runtimeExceptionIsThrownAsItself() {
        IllegalStateException failure = new IllegalStateException("stage failed");
        assertSame(
                failure,
                assertThrows(IllegalStateException.class, () -> Failures.throwUnchecked(failure)));
    }

    @Test
    void errorIsThrownAsItself() {
        OutOfMemoryError failure = new OutOfMemoryError("stage ran out");
        assertSame(
                failure,
                assertThrows(OutOfMemoryError.class, () -> Failures.throwUnchecked(failure)));
    }

    @Test
    void cancellationSignalIsARuntimeExceptionThrownAsItself() {
        assertSame(
                Access.CANCELLED,
                assertThrows(
                        CancelledException.class, () -> Failures.throwUnchecked(Access.CANCELLED)));
    }

    @Test
    void checkedExceptionIsWrappedInUndeclaredThrowable() {
        IOException failure = new IOException("disk");
        UndeclaredThrowableException thrown =
                assertThrows(
                        UndeclaredThrowableException.class, () -> Failures.throwUnchecked(failure));
        assertSame(failure, thrown.getCause());
        assertSame(failure, thrown.getUndeclaredThrowable());
    }

    @Test
    void otherCheckedExceptionsAreWrappedToo() {
        TimeoutException failure = new TimeoutException("late");
        assertSame(
                failure,
                assertThrows(
                                UndeclaredThrowableException.class,
                                () -> Failures.throwUnchecked(failure))
                        .getCause());
    }
}
