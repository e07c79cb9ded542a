package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.ArrayList;
import java.util.List;

/**
 * Static stages of every middle shape, ending in a sink: numbers -> digits (flat, 2 workers) ->
 * pairs (stream) -> total (sink). {@code run} returns the sum of all decimal digits.
 */
public final class Digits {
    private Digits() {}

    @Stage
    static void numbers(Out<Integer> out, List<Integer> values) {
        for (int v : values) {
            out.send(v);
        }
    }

    @Stage(workers = 2, buffer = 4)
    static void digits(int v, Out<Integer> out) {
        for (char c : Integer.toString(v).toCharArray()) {
            out.send(c - '0');
        }
    }

    /** Batches the stream in twos: a stream stage sees the whole stream. */
    @Stage
    static void pairs(In<Integer> in, Out<List<Integer>> out) {
        List<Integer> batch = new ArrayList<>();
        for (Integer d : in) {
            batch.add(d);
            if (batch.size() == 2) {
                out.send(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            out.send(batch);
        }
    }

    @Stage
    static long total(In<List<Integer>> in) {
        long sum = 0;
        for (List<Integer> batch : in) {
            for (int d : batch) {
                sum += d;
            }
        }
        return sum;
    }
}
