package io.github.stagehand.beam;

import io.github.stagehand.runtime.Out;
import java.io.Serializable;

/**
 * A head stage with its arguments bound, {@code out -> head(out, args...)}, as Beam ships it to the
 * one worker that runs it: serializable, with the arguments and owner it captures.
 */
@FunctionalInterface
public interface SourceBody<T> extends Serializable {
    void run(Out<T> out) throws Exception;
}
