package io.github.stagehand.beam;

import io.github.stagehand.runtime.In;
import java.util.Iterator;

/**
 * A sink's {@code In} on Beam: the grouped elements of its input, once, in the engine's order,
 * without the null that marks the group (see {@link StageTransforms#sink}).
 */
final class IterableIn<T> implements In<T> {
    private final Iterator<T> elements;

    IterableIn(Iterable<T> elements) {
        this.elements = elements.iterator();
    }

    @Override
    public T receive() {
        while (elements.hasNext()) {
            T next = elements.next();
            if (next != null) {
                return next;
            }
        }
        return null;
    }
}
