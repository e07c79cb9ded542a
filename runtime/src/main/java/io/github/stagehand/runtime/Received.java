package io.github.stagehand.runtime;

import java.util.Objects;

/**
 * What a receive with a timeout ({@link In#receive(java.time.Duration)}) found: an element, the end
 * of the input, or nothing within the time. Go tells these apart with {@code select} and {@code v,
 * ok := <-in}; here the compiler checks that a {@code switch} covers all three:
 *
 * <pre>{@code
 * switch (in.receive(Duration.ofSeconds(1))) {
 *     case Received.Element<Row>(Row row) -> pending.add(row);
 *     case Received.Timeout<Row> t -> flush(pending);   // nothing for a second
 *     case Received.End<Row> e -> {                     // the input ended
 *         flush(pending);
 *         return;
 *     }
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
public sealed interface Received<T> {

    /**
     * The next element.
     *
     * @param value the element, never null
     */
    record Element<T>(T value) implements Received<T> {
        public Element {
            Objects.requireNonNull(value, "value");
        }
    }

    /** No element came within the timeout; the input goes on. */
    record Timeout<T>() implements Received<T> {}

    /** The input has ended: the channel is closed and drained, as {@code receive()}'s null. */
    record End<T>() implements Received<T> {}
}
