package io.github.stagehand.beam.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;

/**
 * Joins: numbers (two outputs), both read by difference (a sink of two inputs) and by tagged (a
 * stream stage of two inputs) -> count. Both joins read all of small before large, and small ends
 * only when numbers ends: in process, more large numbers than large's buffer holds would block
 * numbers for good (as in Go), so the tests keep n at most 512.
 */
public final class Joins {
    private Joins() {}

    @Stage
    static void numbers(Out<Integer> small, Out<Integer> large, int n) {
        for (int i = 0; i < n; i++) {
            (i < n / 2 ? small : large).send(i);
        }
    }

    @Stage(from = {"numbers.small", "numbers.large"})
    static long difference(In<Integer> small, In<Integer> large) {
        long sum = 0;
        for (int v : small) {
            sum -= v;
        }
        for (int v : large) {
            sum += v;
        }
        return sum;
    }

    @Stage(from = {"numbers.small", "numbers.large"})
    static void tagged(In<Integer> small, In<Integer> large, Out<String> out) {
        for (int v : small) {
            out.send("small " + v);
        }
        for (int v : large) {
            out.send("large " + v);
        }
    }

    @Stage
    /** How many came, and how many of them from large, as {@code all * 1,000,000 + large}. */
    static long count(In<String> in) {
        long all = 0;
        long large = 0;
        for (String s : in) {
            all++;
            large += s.startsWith("large ") ? 1 : 0;
        }
        return all * 1_000_000L + large;
    }
}
