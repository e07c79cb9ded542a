package io.github.stagehand.benchmarks;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;
import java.util.List;

/**
 * A batch stage at saturation, as {@link BatchLingerBenchmark} runs it: {@code gen} emits {@code
 * 0..n-1} as fast as it can, {@code sum} adds them up in batches of up to 500, lingering a second
 * (the builder turns the linger off for the side-by-side run without one).
 */
public final class Batching {
    private Batching() {}

    @Stage
    static void gen(Out<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    @Stage(batch = 500, linger = "1s")
    static long sum(List<Integer> batch) {
        long sum = 0;
        for (int v : batch) {
            sum += v;
        }
        return sum;
    }
}
