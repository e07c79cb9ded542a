package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.StageTrace;
import java.util.Arrays;

/** The later failures suppressed on a pipeline's failure, without its {@link StageTrace}. */
final class LaterFailures {
    private LaterFailures() {}

    static Throwable[] of(Throwable failure) {
        return Arrays.stream(failure.getSuppressed())
                .filter(s -> !(s instanceof StageTrace))
                .toArray(Throwable[]::new);
    }
}
