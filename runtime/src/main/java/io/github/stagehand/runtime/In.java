package io.github.stagehand.runtime;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The receiving end of a channel: Go's {@code <-chan T}. A stream or sink stage takes one and
 * ranges over it:
 *
 * <pre>{@code
 * @Stage
 * static long sum(In<Integer> in) {
 *     long sum = 0;
 *     for (int v : in) sum += v;               // for v := range in
 *     return sum;
 * }
 * }</pre>
 *
 * <p>Receiving declares no checked exception. Once the pipeline's {@code done} is closed, a blocked
 * or later {@link #receive()} ends the stage by throwing {@link CancelledException}, which the
 * generated code catches; user code needs no cancellation logic of its own. An interrupt is noticed
 * only by a receive that has to wait: it then closes {@code done} and throws the same signal, while
 * a receive that finds an element buffered returns it.
 *
 * @param <T> the element type; elements are never null
 */
public interface In<T> extends Iterable<T> {

    /**
     * Waits for the next element and returns it, or returns {@code null} once the channel is closed
     * and drained (Go's {@code v, ok := <-in} with {@code ok == false}).
     *
     * @throws CancelledException when {@code done} is or becomes closed, or the thread is
     *     interrupted while waiting (or before a receive that has to wait)
     */
    T receive();

    /**
     * Waits at most {@code timeout} for the next element: Go's {@code select { case v, ok := <-in:
     * ... case <-time.After(timeout): ... }}. An element that is there already is taken at once,
     * whatever the timeout; a zero timeout only takes what is there.
     *
     * <p>The default suits an {@code In} whose {@link #receive()} never waits, such as one over a
     * list in a test (a lambda is one): it receives once, and never times out. Channels and the
     * generated pipelines' outputs override it with a wait that can time out.
     *
     * @return {@link Received.Element} with the next element; {@link Received.End} once the channel
     *     is closed and drained; {@link Received.Timeout} when none came within {@code timeout}
     *     (never sooner)
     * @throws CancelledException as {@link #receive()} does: when {@code done} is or becomes
     *     closed, or the thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    default Received<T> receive(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        T next = receive();
        return next == null ? new Received.End<>() : new Received.Element<>(next);
    }

    /** Iterates until the channel is closed and drained: {@code for v := range in}. */
    @Override
    default Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = receive();
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("channel closed");
                }
                T value = next;
                next = null;
                return value;
            }
        };
    }

    /** A sequential, ordered stream of the elements until the channel is closed. */
    default Stream<T> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }
}
