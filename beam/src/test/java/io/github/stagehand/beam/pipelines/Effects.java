package io.github.stagehand.beam.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.concurrent.atomic.AtomicLong;

/** numbers -> record: a void sink, run for its effect (a sum kept here, in this JVM). */
public final class Effects {
    private Effects() {}

    /** What record added up; the DirectRunner runs it in the test's own JVM. */
    public static final AtomicLong RECORDED = new AtomicLong();

    @Stage
    static void numbers(Out<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    @Stage
    static void record(In<Integer> in) {
        long sum = 0;
        for (int v : in) {
            sum += v;
        }
        RECORDED.addAndGet(sum + 1); // + 1: it ran, even over an empty input
    }
}
