package io.github.stagehand.beam.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Batch stages, numbers teed into each: sum (a batch map of up to 3) -> total; batches (a batch
 * flat stage of up to 4 that lingers 20 ms, over a wildcard list) sends each batch it gets ->
 * partition; split (a batch flat stage of up to 2 with two outputs) -> evenSum and oddCount; store
 * (a batch sink of up to 5, over a list of a supertype) keeps each batch it gets here, in this JVM.
 */
public final class Batched {
    private Batched() {}

    /** The batches store was called with; the DirectRunner runs it in the test's own JVM. */
    public static final Queue<List<Object>> STORED = new ConcurrentLinkedQueue<>();

    @Stage
    static void numbers(Out<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    @Stage(batch = 3)
    static int sum(List<Integer> batch) {
        int sum = 0;
        for (int v : batch) {
            sum += v;
        }
        return sum;
    }

    @Stage
    static long total(In<Integer> in) {
        long total = 0;
        for (int v : in) {
            total += v;
        }
        return total;
    }

    @Stage(from = "numbers", batch = 4, linger = "20ms")
    static void batches(List<? extends Integer> batch, Out<List<Integer>> out) {
        out.send(List.copyOf(batch));
    }

    /** Every batch that came, in the order they came. */
    @Stage
    static List<List<Integer>> partition(In<List<Integer>> in) {
        List<List<Integer>> all = new ArrayList<>();
        for (List<Integer> batch : in) {
            all.add(batch);
        }
        return all;
    }

    @Stage(from = "numbers", batch = 2, workers = 2)
    static void split(List<Integer> batch, Out<Integer> evens, Out<Integer> odds) {
        for (int v : batch) {
            (v % 2 == 0 ? evens : odds).send(v);
        }
    }

    @Stage(from = "split.evens")
    static long evenSum(In<Integer> in) {
        long sum = 0;
        for (int v : in) {
            sum += v;
        }
        return sum;
    }

    @Stage(from = "split.odds")
    static long oddCount(In<Integer> in) {
        return in.stream().count();
    }

    @Stage(from = "numbers", batch = 5)
    static void store(List<Object> batch) {
        batch.add("changed"); // the list is the stage's own, on Beam as in process
        STORED.add(new ArrayList<>(batch.subList(0, batch.size() - 1)));
    }
}
