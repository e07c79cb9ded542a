package io.github.stagehand.example;

import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.PipelineClock;
import io.github.stagehand.runtime.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Batching by hand, with a timed receive: what {@code @Stage(batch = 500, linger = "1s")} on a
 * stage that takes a {@code List<T>} does in the runtime, which logship was written before. This
 * class is the one place that does it: to use the attribute, each store stage becomes {@code void
 * storeRequests(List<Request> batch, Out<Committed> committed)}, its batch and linger set per run
 * through the generated builder, and this class goes.
 *
 * <pre>{@code
 * @Stage(from = "parse.requests")
 * void storeRequests(In<Request> in, Done done) throws SQLException {
 *     LogshipBatches.forEach(in, done, 500, Duration.ofSeconds(1), database::insertRequests);
 * }
 * }</pre>
 *
 * <p>A batch is handed on when it holds {@code size} elements, when {@code linger} has passed since
 * its first element arrived (on the run's clock, {@link Done#clock()}), or when the input ends;
 * never empty. Nothing is held while no element is: the first element of a batch is awaited without
 * a timeout. Once {@code done} closes, the receive ends the stage and the batch held is dropped:
 * that is a cancellation, not the end of the input.
 */
final class LogshipBatches {

    /** What a sink does with a batch; the list is reused after it returns. */
    @FunctionalInterface
    interface Consumer<T, E extends Exception> {
        void accept(List<T> batch) throws E;
    }

    private LogshipBatches() {}

    /** Hands the elements of {@code in} to {@code consumer} in batches, until {@code in} ends. */
    static <T, E extends Exception> void forEach(
            In<T> in, Done done, int size, Duration linger, Consumer<T, E> consumer) throws E {
        PipelineClock clock = done.clock();
        long lingerNanos = linger.toNanos();
        List<T> batch = new ArrayList<>(Math.min(size, 1 << 16));
        long deadline = 0; // when the batch held is due, on clock
        while (true) {
            T value;
            if (batch.isEmpty()) {
                value = in.receive(); // nothing held, nothing due: wait as long as it takes
                if (value == null) {
                    return;
                }
                deadline = clock.nanoTime() + lingerNanos;
            } else {
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    hand(batch, consumer);
                    continue;
                }
                switch (in.receive(Duration.ofNanos(left))) {
                    case Received.Element<T> e -> value = e.value();
                    case Received.Timeout<T> t -> {
                        hand(batch, consumer); // linger passed since the batch's first element
                        continue;
                    }
                    case Received.End<T> e -> {
                        hand(batch, consumer); // the input ended
                        return;
                    }
                }
            }
            batch.add(value);
            if (batch.size() >= size) {
                hand(batch, consumer);
            }
        }
    }

    private static <T, E extends Exception> void hand(List<T> batch, Consumer<T, E> consumer)
            throws E {
        consumer.accept(batch);
        batch.clear();
    }
}
