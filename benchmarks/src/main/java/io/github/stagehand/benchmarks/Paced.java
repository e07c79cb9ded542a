package io.github.stagehand.benchmarks;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A rate at saturation, as {@link RateAccuracy} measures it: {@code gen} emits {@code 0..n-1} as
 * fast as it can, and {@code pace}'s two workers begin at most {@code rate} of them a second
 * together (the builder sets the rate), noting when the first and the last began.
 */
public final class Paced {
    final LongAccumulator first = new LongAccumulator(Math::min, Long.MAX_VALUE);
    final LongAccumulator last = new LongAccumulator(Math::max, Long.MIN_VALUE);
    final AtomicLong calls = new AtomicLong();

    @Stage
    void gen(Out<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    @Stage(rate = "1000/s", workers = 2)
    int pace(int v) {
        long now = System.nanoTime();
        first.accumulate(now);
        last.accumulate(now);
        calls.incrementAndGet();
        return v;
    }
}
