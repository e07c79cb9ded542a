package io.github.stagehand.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code close()} after an early exit, timed as a user would time it from outside the repository: a
 * fresh JVM started with {@code java -cp}, the JVM's default carriers, no warm-up. Each of {@code
 * N} closes (default 50) starts {@link HundredStages}' chain (a head counting up, then 100 map
 * stages each adding one), takes the first value, and times {@code close()}; after each, it checks
 * that all 101 stage threads ran and none is alive. Prints every figure in microseconds, then
 * {@code close p50=... p99=... max=...}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.stagehand.benchmarks.CloseLatency [N]
 * </pre>
 *
 * <p>Percentiles are nearest-rank: over 50 closes, p50 is the 25th smallest and p99 the 50th, the
 * largest.
 */
public final class CloseLatency {
    private CloseLatency() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            HundredStages stages = new HundredStages();
            HundredStagesPipeline.Output output = HundredStagesPipeline.builder(stages).start();
            Integer first = output.receive();
            if (first == null || first != HundredStages.STAGES - 1) {
                throw new IllegalStateException("first element " + first);
            }
            long start = System.nanoTime();
            output.close();
            micros[i] = (System.nanoTime() - start) / 1_000;
            List<String> alive =
                    stages.threads().stream().filter(Thread::isAlive).map(Thread::getName).toList();
            if (stages.threads().size() != HundredStages.STAGES || !alive.isEmpty()) {
                throw new IllegalStateException(
                        stages.threads().size() + " stage threads ran; alive: " + alive);
            }
        }
        System.out.println("close us: " + Arrays.toString(micros));
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "close n=%d p50=%.3fms p99=%.3fms max=%.3fms carriers=%s%n",
                n,
                rank(sorted, 0.50) / 1000.0,
                rank(sorted, 0.99) / 1000.0,
                sorted[n - 1] / 1000.0,
                System.getProperty(
                        "jdk.virtualThreadScheduler.parallelism",
                        String.valueOf(Runtime.getRuntime().availableProcessors())));
    }

    /** The nearest-rank percentile {@code p} of {@code sorted}. */
    private static long rank(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
