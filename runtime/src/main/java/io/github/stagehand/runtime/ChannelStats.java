package io.github.stagehand.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One channel (an edge of the pipeline) in a run with {@link PipelineStats}: its name, its
 * capacity, how many elements it holds now and the most it ever held.
 */
public final class ChannelStats {
    private static final VarHandle MAX;

    static {
        try {
            MAX = MethodHandles.lookup().findVarHandle(ChannelStats.class, "max", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final int capacity;
    private volatile Channel<?> channel;

    @SuppressWarnings("unused") // through MAX; written under the channel's lock
    private int max;

    ChannelStats(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    void attach(Channel<?> channel) {
        this.channel = channel;
    }

    /** Precondition: the channel's lock held. The buffer now holds {@code count} elements. */
    void filled(int count) {
        if (count > (int) MAX.getOpaque(this)) {
            MAX.setOpaque(this, count);
        }
    }

    /** The channel's name: the stages (and ports) it joins, {@code "producer -> consumer"}. */
    public String name() {
        return name;
    }

    /** Its buffer's size; 0 for an unbuffered channel. */
    public int capacity() {
        return capacity;
    }

    /** How many elements its buffer holds now. */
    public int buffered() {
        Channel<?> c = channel;
        return c == null ? 0 : c.bufferedNow();
    }

    /** The most elements its buffer ever held at once. */
    public int maxBuffered() {
        return (int) MAX.getOpaque(this);
    }

    @Override
    public String toString() {
        return "ChannelStats["
                + name
                + ", capacity="
                + capacity
                + ", buffered="
                + buffered()
                + ", maxBuffered="
                + maxBuffered()
                + "]";
    }
}
