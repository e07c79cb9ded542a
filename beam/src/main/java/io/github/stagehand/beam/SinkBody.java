package io.github.stagehand.beam;

import io.github.stagehand.runtime.In;
import java.io.Serializable;

/**
 * A sink stage, {@code R sink(In<T> in)}, as Beam ships it to a worker: serializable, with what it
 * captures. It sees the whole of its input, on one worker, and its value is the one element of the
 * sink's output.
 */
@FunctionalInterface
public interface SinkBody<T, R> extends Serializable {
    R run(In<T> in) throws Exception;
}
