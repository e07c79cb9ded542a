package io.github.stagehand.beam;

import io.github.stagehand.runtime.Out;
import java.io.Serializable;

/**
 * A head stage, {@code void head(Out<T> out, A argument)}, as Beam ships it to a worker: it must be
 * serializable, and so must whatever it captures.
 *
 * @param <A> the run's argument (the head's parameters other than its {@code Out})
 * @param <T> what the head sends
 */
@FunctionalInterface
public interface HeadBody<A, T> extends Serializable {
    void run(Out<T> out, A argument) throws Exception;
}
