package io.github.stagehand.processor;

/** What a stage does with its input and output, read off its signature (see DESIGN.md). */
enum Shape {
    /**
     * {@code void f(Out<R> out, args...)}: the first stage; its other parameters are the inputs.
     */
    HEAD("head"),
    /** {@code R f(T in)}: one output per input. */
    MAP("map"),
    /** {@code void f(T in, Out<R> out)}: zero or more outputs per input. */
    FLAT("flat"),
    /** {@code void f(In<T> in, Out<R> out)}: sees the whole stream. */
    STREAM("stream"),
    /**
     * {@code R f(In<T> in)}: the last stage; its value is what {@code run(...)} returns. A void
     * sink, {@code void f(In<T> in)}, consumes the stream for its effects.
     */
    SINK("sink");

    private final String word;

    Shape(String word) {
        this.word = word;
    }

    /** Whether several workers can share this stage's input. */
    boolean allowsWorkers() {
        return this == MAP || this == FLAT || this == STREAM;
    }

    /** Whether the stage handles one input at a time, so that order can be kept. */
    boolean allowsOrdered() {
        return this == MAP || this == FLAT;
    }

    @Override
    public String toString() {
        return word;
    }
}
