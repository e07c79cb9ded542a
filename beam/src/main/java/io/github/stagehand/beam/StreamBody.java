package io.github.stagehand.beam;

import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.io.Serializable;

/**
 * A stream stage, {@code void stream(In<T> in, Out<R> out)}, as Beam ships it to a worker:
 * serializable, with what it captures. On Beam it sees its whole input on one worker.
 */
@FunctionalInterface
public interface StreamBody<T, R> extends Serializable {
    void run(In<T> in, Out<R> out) throws Exception;
}
