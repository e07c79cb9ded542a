package io.github.stagehand.beam;

import io.github.stagehand.runtime.In;
import java.io.Serializable;

/**
 * A void sink, {@code void each(In<T> in)}, as Beam ships it to a worker: it sees its whole input
 * on one worker and runs for its effects.
 */
@FunctionalInterface
public interface EachBody<T> extends Serializable {
    void run(In<T> in) throws Exception;
}
