package io.github.stagehand.runtime.internal;

import java.lang.reflect.UndeclaredThrowableException;

/**
 * Rethrows a pipeline's failure as itself; the generated code has already rethrown its checked
 * types.
 */
public final class Failures {
    private Failures() {}

    /**
     * Does nothing for null; throws a {@link RuntimeException} or {@link Error} as it is; wraps
     * anything else in an {@link UndeclaredThrowableException} (a checked exception the stage
     * methods did not declare, which javac does not normally let through).
     */
    public static void throwUnchecked(Throwable failure) {
        if (failure == null) {
            return;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new UndeclaredThrowableException(failure);
    }

    /**
     * Does nothing for null; throws anything else as itself, checked or not, without declaring it:
     * for an output's {@code close()} whose stages declare {@code throws Exception}, which {@code
     * close()} must not declare (javac's {@code -Xlint:try} would warn at every try-with-resources
     * over it, since {@code Exception} covers {@link InterruptedException}). Callers catch such a
     * failure as {@code Exception}.
     */
    public static void throwAsItself(Throwable failure) {
        if (failure != null) {
            Failures.<RuntimeException>sneaky(failure);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneaky(Throwable failure) throws E {
        throw (E) failure;
    }
}
