package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A flat stage before a sink, which runs on the sink's thread (fusion): {@code numbers -> explode
 * -> sum}. {@code explode} sends each value {@code v % 3} times, notes the names of the threads it
 * runs on, fails at {@code failAt} and waits for {@link #release} at {@code holdAt} (0: never).
 */
public final class Fused {
    public final Set<String> explodeThreads = ConcurrentHashMap.newKeySet();
    public final CountDownLatch release = new CountDownLatch(1);
    private final int failAt;
    private final int holdAt;

    public Fused(int failAt, int holdAt) {
        this.failAt = failAt;
        this.holdAt = holdAt;
    }

    /** What {@code sum} comes to over 1 .. n. */
    public static long expected(int n) {
        long sum = 0;
        for (int v = 1; v <= n; v++) {
            sum += (long) v * (v % 3);
        }
        return sum;
    }

    @Stage
    void numbers(Out<Integer> out, int n) {
        for (int v = 1; v <= n; v++) {
            out.send(v);
        }
    }

    @Stage
    void explode(Integer v, Out<Integer> out) throws InterruptedException {
        explodeThreads.add(Thread.currentThread().getName());
        if (v == failAt) {
            throw new IllegalStateException("explode failed at " + v);
        }
        if (v == holdAt) {
            release.await();
        }
        for (int i = 0; i < v % 3; i++) {
            out.send(v);
        }
    }

    @Stage
    long sum(In<Integer> values) {
        long sum = 0;
        for (Integer v : values) {
            sum += v;
        }
        return sum;
    }
}
