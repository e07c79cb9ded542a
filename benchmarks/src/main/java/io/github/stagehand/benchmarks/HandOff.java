package io.github.stagehand.benchmarks;

/**
 * One channel under comparison, seen through the two operations the benchmarks need, so that one
 * benchmark body drives Stagehand's {@code Channel}, the j.u.c queues and Jox alike:
 *
 * <pre>{@code
 * HandOff<Integer> channel = Contender.JOX.create(64);
 * channel.send(42);                       // on one virtual thread
 * Integer v = channel.receive();          // on another
 * }</pre>
 *
 * <p>JMH runs each parameter combination in its own fork, so every call site here sees one
 * implementation and the JIT inlines it: the adapter costs nothing in the figures.
 *
 * @param <T> the element type
 */
public interface HandOff<T> {

    /** Sends {@code value}, waiting while the channel is full (unbuffered: for a receiver). */
    void send(T value) throws InterruptedException;

    /** Waits for the next element and returns it. */
    T receive() throws InterruptedException;

    /** A hand-off made of two operations: {@code HandOff.of(queue::put, queue::take)}. */
    static <T> HandOff<T> of(Sender<T> sender, Receiver<T> receiver) {
        return new HandOff<>() {
            @Override
            public void send(T value) throws InterruptedException {
                sender.send(value);
            }

            @Override
            public T receive() throws InterruptedException {
                return receiver.receive();
            }
        };
    }

    /** {@link #send}, as a method reference. */
    @FunctionalInterface
    interface Sender<T> {
        void send(T value) throws InterruptedException;
    }

    /** {@link #receive}, as a method reference. */
    @FunctionalInterface
    interface Receiver<T> {
        T receive() throws InterruptedException;
    }
}
