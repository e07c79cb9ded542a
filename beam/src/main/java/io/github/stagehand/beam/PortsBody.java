package io.github.stagehand.beam;

import java.io.Serializable;

/**
 * A flat stage with several outputs, {@code void split(I value, Out<A> a, Out<B> b)}, as Beam ships
 * it to a worker: the generated code passes {@code ports.get(0)}, {@code ports.get(1)}, ... in
 * parameter order. For a head with several outputs, {@code value} is null.
 */
@FunctionalInterface
public interface PortsBody<I> extends Serializable {
    void run(I value, Ports ports) throws Exception;
}
