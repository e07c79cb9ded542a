package io.github.stagehand.beam.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;

/**
 * Side outputs and a stream stage: numbers (two outputs) -> split (3 workers, two outputs of two
 * types); split.evens -> doubled (a stream stage) -> evenSum; split.odds -> oddCount; numbers.large
 * -> largeSum.
 */
public final class Branches {
    private Branches() {}

    @Stage
    static void numbers(Out<Integer> small, Out<Integer> large, int n) {
        for (int i = 0; i < n; i++) {
            (i < n / 2 ? small : large).send(i);
        }
    }

    @Stage(from = "numbers.small", workers = 3)
    static void split(int v, Out<Integer> evens, Out<String> odds) {
        if (v % 2 == 0) {
            evens.send(v);
        } else {
            odds.send("odd " + v);
        }
    }

    /** Each value twice over, then minus how many there were: it sees the whole stream. */
    @Stage(from = "split.evens")
    static void doubled(In<Integer> in, Out<Long> out) {
        long count = 0;
        for (int v : in) {
            out.send(2L * v);
            count++;
        }
        out.send(-count);
    }

    @Stage
    static long evenSum(In<Long> in) {
        long sum = 0;
        for (long v : in) {
            sum += v;
        }
        return sum;
    }

    @Stage(from = "split.odds")
    static long oddCount(In<String> in) {
        return in.stream().filter(s -> s.startsWith("odd ")).count();
    }

    @Stage(from = "numbers.large")
    static long largeSum(In<Integer> in) {
        long sum = 0;
        for (int v : in) {
            sum += v;
        }
        return sum;
    }
}
