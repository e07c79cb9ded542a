package io.github.stagehand.beam;

import java.io.Serializable;
import java.util.List;

/**
 * A batch sink, {@code void store(List<T> batch)}, as Beam ships it to a worker: serializable, with
 * what it captures. It is called once per batch, for its effects; the list is its own, a new one
 * per call.
 */
@FunctionalInterface
public interface BatchBody<T> extends Serializable {
    void run(List<T> batch) throws Exception;
}
