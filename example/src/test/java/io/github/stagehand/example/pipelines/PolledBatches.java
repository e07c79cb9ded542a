package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A poller feeding a batch sink, the shape of a log shipper: {@code poll} is called every 5 s and
 * returns 0, 1, 2, ... until it has returned {@code calls} values, then null; {@code ship} gets
 * them in batches of up to 100 that linger a second, and keeps each with when it came.
 */
public final class PolledBatches {
    public final StageThreads threads = new StageThreads();

    /** Each batch {@code ship} was handed, with the run clock's reading then. */
    public final List<Arrivals.Batch> batches = new CopyOnWriteArrayList<>();

    private final int calls;
    private int called;

    public PolledBatches(int calls) {
        this.calls = calls;
    }

    @Stage(every = "5s")
    Integer poll() {
        threads.record();
        return called < calls ? called++ : null;
    }

    @Stage(batch = 100, linger = "1s")
    void ship(List<Integer> batch, Done done) {
        threads.record();
        batches.add(new Arrivals.Batch(List.copyOf(batch), done.clock().nanoTime()));
    }
}
