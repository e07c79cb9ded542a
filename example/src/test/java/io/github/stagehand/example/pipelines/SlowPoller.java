package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A poller that takes its {@code Out}, called every 20 ms until {@code done} closes; its first call
 * overruns its period by taking 70 ms, so the ticks that pass meanwhile are skipped.
 */
public final class SlowPoller {
    public static final Duration EVERY = Duration.ofMillis(20);

    public final StageThreads threads = new StageThreads();

    /** When each call began. */
    public final List<Long> calledAt = new CopyOnWriteArrayList<>();

    @Stage(every = "20ms")
    void poll(Out<Integer> out, Done done) {
        threads.record();
        calledAt.add(System.nanoTime());
        if (calledAt.size() == 1) {
            done.sleep(Duration.ofMillis(70));
        }
        out.send(calledAt.size());
    }
}
