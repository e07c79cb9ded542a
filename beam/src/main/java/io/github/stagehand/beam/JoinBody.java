package io.github.stagehand.beam;

import io.github.stagehand.runtime.Out;
import java.io.Serializable;

/**
 * A join, {@code R join(In<A> a, In<B> b)} or {@code void join(In<A> a, In<B> b, Out<R> out)}, as
 * Beam ships it to a worker: the generated code passes {@code ins.get(0)}, {@code ins.get(1)}, ...
 * in parameter order, and returns the sink's value (null for a join that sends on {@code out}).
 */
@FunctionalInterface
public interface JoinBody<R> extends Serializable {
    R run(Joined ins, Out<R> out) throws Exception;
}
