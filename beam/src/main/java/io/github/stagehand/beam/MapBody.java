package io.github.stagehand.beam;

import java.io.Serializable;

/**
 * A map stage, {@code O map(I value)}, as Beam ships it to a worker: serializable, with what it
 * captures. A null result fails the run, as in the in-process pipeline.
 */
@FunctionalInterface
public interface MapBody<I, O> extends Serializable {
    O apply(I value) throws Exception;
}
