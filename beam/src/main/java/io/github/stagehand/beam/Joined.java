package io.github.stagehand.beam;

import io.github.stagehand.runtime.In;
import java.util.List;

/**
 * The inputs of a join on Beam, a stage with several {@code In} parameters: {@link #get get(i)} is
 * the {@code i}-th, in parameter order, each holding the whole of its input.
 */
public final class Joined {
    private final List<Iterable<?>> inputs;

    Joined(List<Iterable<?>> inputs) {
        this.inputs = inputs;
    }

    /** The {@code i}-th input, typed as the caller's parameter (the generated code's). */
    @SuppressWarnings("unchecked")
    public <T> In<T> get(int i) {
        return new IterableIn<>((Iterable<T>) inputs.get(i));
    }
}
