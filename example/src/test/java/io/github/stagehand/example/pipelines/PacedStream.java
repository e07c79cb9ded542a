package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Rates on stages that take an {@code In}: {@code numbers} sends {@code 0..n-1}; {@code pace}, a
 * stream stage at one a second, passes each on; {@code total}, a sink at one a minute, counts them.
 * Each notes the run clock's reading whenever its {@code In} returned an element.
 */
public final class PacedStream {
    public final List<Long> pacedAt = new CopyOnWriteArrayList<>();
    public final List<Long> totalledAt = new CopyOnWriteArrayList<>();

    @Stage
    static void numbers(Out<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    @Stage(rate = "1/s")
    void pace(In<Integer> in, Out<Integer> out, Done done) {
        for (int v : in) {
            pacedAt.add(done.clock().nanoTime());
            out.send(v);
        }
    }

    @Stage(rate = "1/m")
    long total(In<Integer> in, Done done) {
        long n = 0;
        for (Integer ignored : in) {
            totalledAt.add(done.clock().nanoTime());
            n++;
        }
        return n;
    }
}
