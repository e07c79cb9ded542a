package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A head that never stops and a sink that never returns on its own: only cancellation (parent,
 * deadline, interrupt) or a drain ends {@code run}. The head counts the sends it began, and the
 * sink returns how many arrived.
 */
public final class Endless {
    public final StageThreads threads = new StageThreads();

    /** How many sends the head began: under a drain, each is delivered. */
    public final AtomicLong sent = new AtomicLong();

    @Stage
    void forever(Out<Long> out) {
        threads.record();
        for (long i = 0; ; i++) {
            sent.incrementAndGet();
            out.send(i);
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
