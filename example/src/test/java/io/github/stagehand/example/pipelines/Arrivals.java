package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Elements that arrive at given times, gathered by a batch sink that notes when each batch came:
 * {@code arrive} sends {@code 0, 1, ...}, sleeping {@code gaps[i]} milliseconds on the run's clock
 * before the i-th, and fails instead of sending element {@code failAt} (none if negative); {@code
 * gather} keeps every batch with the time it was handed over. For a model of the batching rule to
 * check, on a virtual clock.
 */
public final class Arrivals {
    public final StageThreads threads = new StageThreads();

    /** Each batch handed over, and the clock's reading (ns) when it was. */
    public final List<Batch> batches = new CopyOnWriteArrayList<>();

    /** How many elements {@code arrive}'s sends delivered. */
    public final AtomicInteger sent = new AtomicInteger();

    /** One batch, handed over at {@code atNanos} on the run's clock. */
    public record Batch(List<Integer> elements, long atNanos) {}

    @Stage
    void arrive(Out<Integer> out, Done done, long[] gaps, int failAt) {
        threads.record();
        for (int i = 0; i < gaps.length; i++) {
            done.sleep(Duration.ofMillis(gaps[i]));
            if (i == failAt) {
                throw new IllegalStateException("arrive failed at " + i);
            }
            out.send(i);
            sent.incrementAndGet();
        }
    }

    @Stage(batch = 4, linger = "1s")
    void gather(List<Integer> batch, Done done) {
        threads.record();
        batches.add(new Batch(List.copyOf(batch), done.clock().nanoTime()));
    }
}
