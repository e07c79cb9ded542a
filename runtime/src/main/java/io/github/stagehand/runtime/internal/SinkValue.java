package io.github.stagehand.runtime.internal;

/**
 * Holds what a sink stage returned, for {@code run(...)} to return once every stage thread has
 * ended (the join makes the write visible).
 *
 * @param <R> the sink's value type
 */
public final class SinkValue<R> {
    private volatile R value;

    /** An empty holder, set once by the sink's worker. */
    public SinkValue() {}

    /** Records the sink's value. */
    public void set(R value) {
        this.value = value;
    }

    /** The sink's value, or null if it did not return. */
    public R get() {
        return value;
    }
}
