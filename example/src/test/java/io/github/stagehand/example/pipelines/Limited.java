package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A rate limit shared by two workers: {@code numbers} sends {@code 0..n-1} as fast as it can,
 * {@code check} lets at most 50 of them begin per second, and {@code count} counts them.
 */
public final class Limited {
    public final StageThreads threads = new StageThreads();

    /** When each call of {@code check} began. */
    public final List<Long> begunAt = new CopyOnWriteArrayList<>();

    @Stage
    void numbers(Out<Integer> out, int n) {
        threads.record();
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    @Stage(rate = "50/s", workers = 2)
    int check(int n) {
        threads.record();
        begunAt.add(System.nanoTime());
        return n;
    }

    @Stage
    long count(In<Integer> in) {
        threads.record();
        return in.stream().count();
    }

    /**
     * The same limit on a batch stage, which counts calls, one per batch: at most 20 batches of up
     * to 5 a second.
     */
    public static final class PerBatch {
        public final List<Long> begunAt = new CopyOnWriteArrayList<>();

        @Stage
        void numbers(Out<Integer> out, int n) {
            for (int i = 0; i < n; i++) {
                out.send(i);
            }
        }

        @Stage(batch = 5, rate = "20/s")
        void store(List<Integer> batch) {
            begunAt.add(System.nanoTime());
        }
    }
}
