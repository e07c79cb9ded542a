package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.concurrent.CountDownLatch;

/**
 * gen -> inc (2 workers) -> twice -> sum, with small buffers, one stage of which can be made slow
 * (a sleep per element, many times what the rest take) and one of which can be held: what the
 * statistics of a run must find.
 */
public final class Observed {
    /** The stage that sleeps {@link #sleepMillis} per element, or null for none. */
    private final String slow;

    private final long sleepMillis;

    /** Counted down by sum before its first receive; sum waits on {@link #release} first. */
    public final CountDownLatch sumStarted = new CountDownLatch(1);

    public final CountDownLatch release;

    public Observed(String slow, long sleepMillis, boolean hold) {
        this.slow = slow;
        this.sleepMillis = sleepMillis;
        this.release = new CountDownLatch(hold ? 1 : 0);
    }

    private void work(String stage) {
        if (stage.equals(slow)) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Stage(buffer = 4)
    void gen(Out<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            work("gen");
            out.send(i);
        }
    }

    @Stage(workers = 2, buffer = 4)
    int inc(int v) {
        work("inc");
        return v + 1;
    }

    @Stage(buffer = 4)
    void twice(int v, Out<Integer> out) {
        work("twice");
        out.send(v);
        out.send(v);
    }

    @Stage
    long sum(In<Integer> in) throws InterruptedException {
        sumStarted.countDown();
        release.await();
        long sum = 0;
        for (int v : in) {
            work("sum");
            sum += v;
        }
        return sum;
    }
}
