package io.github.stagehand.benchmarks;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;

/**
 * The seed's pipeline as the benchmarks run it: {@code gen} emits {@code 0..n-1}, {@code sq}
 * squares them on two workers whose outputs are merged. {@code SeedPipeline} is generated from
 * these two methods; {@link SeedPipelineBenchmark} sets the buffers (and workers) through its
 * builder. {@code sq} is public for the peers of {@code bench/peers.sh} (package {@code peers}).
 */
public final class Seed {
    private Seed() {}

    /** The head: emits {@code 0..n-1}, like the anchors' {@code gen}. */
    @Stage
    static void gen(Out<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    /** Squares one number (wrapping, as the sums that check it do). */
    @Stage(workers = 2)
    public static int sq(int n) {
        return n * n;
    }
}
