package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;
import java.util.concurrent.atomic.AtomicLong;

/**
 * gen -> square (3 workers) -> twice, counting what gen has handed to its first send: how far a
 * producer gets ahead of a consumer that does not read.
 */
public final class Counted {
    public final StageThreads threads = new StageThreads();
    public final AtomicLong sent = new AtomicLong();

    @Stage
    void gen(Out<Integer> out) {
        threads.record();
        for (int i = 0; ; i++) {
            sent.incrementAndGet();
            out.send(i);
        }
    }

    @Stage(workers = 3)
    long square(int v) {
        threads.record();
        return (long) v * v;
    }

    @Stage
    void twice(Long v, Out<Long> out) {
        threads.record();
        out.send(v);
        out.send(v);
    }
}
