package io.github.stagehand.beam;

import io.github.stagehand.runtime.Out;
import java.io.Serializable;

/**
 * A flat stage, {@code void flat(I value, Out<O> out)}, as Beam ships it to a worker: serializable,
 * with what it captures. It may send any number of values for each input.
 */
@FunctionalInterface
public interface FlatBody<I, O> extends Serializable {
    void run(I value, Out<O> out) throws Exception;
}
