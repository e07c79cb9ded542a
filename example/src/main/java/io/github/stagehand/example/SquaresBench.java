package io.github.stagehand.example;

import io.github.stagehand.runtime.PipelineStats;
import java.io.PrintWriter;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Times the generated seed pipeline with run-time overrides: a warm-up, then {@code rounds} timed
 * rounds over {@code 0..n-1}, each checked (count and sum of squares), the best printed last as
 * {@code items/s=...}, the same figure {@code ../shared/bench/go/sqpipe} prints. The first line
 * says how many carriers ran the virtual threads. With statistics, every round records its own, and
 * the best round's table goes to stderr at the end.
 */
final class SquaresBench {
    private final int n;
    private final int workers;
    private final int buffer;
    private final int rounds;
    private boolean recording;
    private PipelineStats lastStats;

    SquaresBench(int n, int workers, int buffer, int rounds, CommandSpec spec) {
        if (n < 1 || workers < 1 || buffer < 0 || rounds < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--n, --workers and --rounds must be positive, --buffer not negative");
        }
        this.n = n;
        this.workers = workers;
        this.buffer = buffer;
        this.rounds = rounds;
    }

    /** Runs the rounds, printing on {@code out}, and the best round's statistics on {@code err}. */
    void run(PrintWriter out, PrintWriter err) {
        recording = err != null;
        PipelineStats bestStats = null;
        // the figures depend on it (docs/adr/0010-one-carrier-for-fine-grained-pipelines.md)
        out.printf("carriers=%d%n", carriers());
        int[] nums = IntStream.range(0, n).toArray();
        int expectedSum = 0;
        for (int v : nums) {
            expectedSum += v * v; // wraps exactly as the pipeline's int squares do
        }
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            round(nums, expectedSum);
        }
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            double itemsPerSecond = round(nums, expectedSum);
            out.printf("round %d items/s=%.0f%n", r + 1, itemsPerSecond);
            if (itemsPerSecond > best) {
                best = itemsPerSecond;
                bestStats = lastStats;
            }
        }
        out.printf(
                "stagehand sqpipe n=%d workers=%d buffer=%d best items/s=%.0f%n",
                n, workers, buffer, best);
        out.flush();
        if (bestStats != null) {
            err.print(bestStats);
            err.flush();
        }
    }

    /** The virtual-thread scheduler's carriers: its parallelism property, else one per core. */
    static int carriers() {
        Integer parallelism = Integer.getInteger("jdk.virtualThreadScheduler.parallelism");
        return parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
    }

    /** One timed round, consumed on a virtual thread as Go's main is a goroutine. */
    private double round(int[] nums, int expectedSum) {
        double[] itemsPerSecond = new double[1];
        Thread consumer =
                Thread.ofVirtual()
                        .name("squares-bench")
                        .start(() -> itemsPerSecond[0] = consume(nums, expectedSum));
        try {
            consumer.join();
        } catch (InterruptedException e) {
            consumer.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (itemsPerSecond[0] == 0) {
            throw new IllegalStateException("the round failed");
        }
        return itemsPerSecond[0];
    }

    private double consume(int[] nums, int expectedSum) {
        long start = System.nanoTime();
        int count = 0;
        int sum = 0;
        SquaresPipeline.Builder builder =
                SquaresPipeline.builder().genBuffer(buffer).sqWorkers(workers).sqBuffer(buffer);
        lastStats = recording ? new PipelineStats() : null;
        if (lastStats != null) {
            builder.stats(lastStats);
        }
        try (var squares = builder.start(nums)) {
            for (Integer v : squares) {
                sum += v;
                count++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (count != nums.length || sum != expectedSum) {
            throw new IllegalStateException("wrong result: count=" + count + " sum=" + sum);
        }
        return count / seconds;
    }
}
