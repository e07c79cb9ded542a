package io.github.stagehand.benchmarks;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;
import java.time.Duration;
import java.util.List;

/**
 * Batches that are always handed over by their linger, as {@link LingerLateness} times them: {@code
 * ticks} sends the time it sends, one value every 20 ms; {@code late} gets each alone, after its 5
 * ms linger, and answers how much later than that it was called, measured from the send (an upper
 * bound: the linger counts from when the worker took the value).
 */
public final class Lingering {
    static final Duration LINGER = Duration.ofMillis(5);

    private Lingering() {}

    @Stage
    static void ticks(Out<Long> out, Done done, int n) {
        for (int i = 0; i < n; i++) {
            out.send(System.nanoTime());
            done.sleep(Duration.ofMillis(20));
        }
    }

    @Stage(batch = 500, linger = "5ms")
    static long late(List<Long> batch) {
        return System.nanoTime() - batch.get(0) - LINGER.toNanos();
    }
}
