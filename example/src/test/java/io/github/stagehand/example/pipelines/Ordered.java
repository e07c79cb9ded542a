package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Ordered fan-out: gen(n) -> slowSquare (4 workers, ordered, random delays) -> spread (flat, 3
 * workers, ordered): each square v becomes v and -v, in that order.
 */
public final class Ordered {
    private Ordered() {}

    @Stage
    static void gen(Out<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    @Stage(workers = 4, ordered = true)
    static int slowSquare(int v) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(200_000));
        return v * v;
    }

    @Stage(workers = 3, ordered = true, buffer = 2)
    static void spread(int v, Out<Integer> out) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(100_000));
        out.send(v);
        out.send(-v);
    }
}
