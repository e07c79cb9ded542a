package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * gen(n) -> check (2 workers) -> sum. {@code check} throws an {@link IOException} for the value
 * {@code bad}; the worker that sees {@code bad - 1} waits for {@code done} and then throws a second
 * failure, which must arrive as suppressed.
 */
public final class Failing {
    public final StageThreads threads = new StageThreads();
    public final List<Throwable> thrown = new CopyOnWriteArrayList<>();
    private final int bad;
    private final boolean secondFailure;

    public Failing(int bad, boolean secondFailure) {
        this.bad = bad;
        this.secondFailure = secondFailure;
    }

    @Stage
    void gen(Out<Integer> out, int n) {
        threads.record();
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    @Stage(workers = 2)
    int check(int v, Done done) throws IOException, InterruptedException {
        threads.record();
        if (v == bad) {
            IOException failure = new IOException("bad value " + v);
            thrown.add(failure);
            throw failure;
        }
        if (secondFailure && v == bad - 1) {
            done.await();
            IllegalStateException later = new IllegalStateException("later failure at " + v);
            thrown.add(later);
            throw later;
        }
        return v;
    }

    @Stage
    long sum(In<Integer> in) {
        threads.record();
        long sum = 0;
        for (int v : in) {
            sum += v;
        }
        return sum;
    }
}
