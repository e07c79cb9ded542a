package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A poller that returns its value: {@code tick} is called when the run starts and then every 20 ms,
 * returning 0, 1, 2, ... until it has returned {@code calls} values, and then null, which ends the
 * stream; {@code collect} gathers what it returned.
 */
public final class Pollers {
    public final StageThreads threads = new StageThreads();

    /** When each call of {@code tick} began. */
    public final List<Long> calledAt = new CopyOnWriteArrayList<>();

    private final int calls;

    public Pollers(int calls) {
        this.calls = calls;
    }

    @Stage(every = "20ms")
    Integer tick() {
        threads.record();
        calledAt.add(System.nanoTime());
        int n = calledAt.size() - 1;
        return n < calls ? n : null;
    }

    @Stage
    List<Integer> collect(In<Integer> in) {
        threads.record();
        List<Integer> got = new ArrayList<>();
        in.forEach(got::add);
        return got;
    }
}
