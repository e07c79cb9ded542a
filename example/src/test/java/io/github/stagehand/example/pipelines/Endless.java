package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A head that never stops and a sink that never returns on its own: only cancellation (parent,
 * deadline, interrupt) or a drain ends {@code run}. The head counts what it sent, and the sink
 * returns how many arrived.
 */
public final class Endless {
    public final StageThreads threads = new StageThreads();

    /** How many elements the head's sends have delivered into its channel. */
    public final AtomicLong sent = new AtomicLong();

    @Stage
    void forever(Out<Long> out) {
        threads.record();
        for (long i = 0; ; i++) {
            out.send(i);
            sent.incrementAndGet();
        }
    }

    @Stage(workers = 2)
    long inc(long v) {
        threads.record();
        return v + 1;
    }

    @Stage
    long count(In<Long> in) {
        threads.record();
        long n = 0;
        for (Long ignored : in) {
            n++;
        }
        return n;
    }
}
