package io.github.stagehand.beam.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.io.Serializable;

/**
 * numbers, teed into square (an instance stage, 3 workers) and cube; square and cube merged into
 * sum; square teed into count as well.
 */
public final class Shapes implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public Shapes(int offset) {
        this.offset = offset;
    }

    @Stage
    static void numbers(Out<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    @Stage(workers = 3)
    long square(int v) {
        return (long) v * v + offset;
    }

    @Stage(from = "numbers")
    static long cube(int v) {
        return (long) v * v * v;
    }

    @Stage(from = {"square", "cube"})
    static long sum(In<Long> in) {
        long sum = 0;
        for (long v : in) {
            sum += v;
        }
        return sum;
    }

    @Stage(from = "square")
    static long count(In<Long> in) {
        long count = 0;
        for (Long ignored : in) {
            count++;
        }
        return count;
    }
}
