package io.github.stagehand.example;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the log analyzer ({@link Logs}) four ways in one JVM: the generated pipeline at its {@code
 * Stage} defaults, the same with buffers of 1,024, the plain loop, and a parallel stream. All four
 * warm up first, taking turns for at least the given seconds and three turns; then each of {@code
 * rounds} rounds times each of them in turn. The last lines, one per variant, are {@code stagehand
 * logs variant=V best s=S keys=K total=T}: the best (smallest) seconds, and how many distinct keys
 * and counted keys it found, so that {@code bench/logs.sh} can check that all agree.
 */
final class LogsBench {
    /**
     * Buffers four times the default: the README's tuning section says what larger buffers gain on
     * stages that do little per element.
     */
    static final int TUNED_BUFFER = 1024;

    private final List<Path> files;
    private final int rounds;
    private final double warmUpSeconds;

    LogsBench(List<Path> files, int rounds, double warmUpSeconds) {
        this.files = files;
        this.rounds = rounds;
        this.warmUpSeconds = warmUpSeconds;
    }

    void run(PrintWriter out) throws Exception {
        out.printf("carriers=%d%n", SquaresBench.carriers());
        Map<String, Work> variants = new LinkedHashMap<>();
        variants.put("defaults", LogsPipeline::run);
        variants.put(
                "tuned",
                f ->
                        LogsPipeline.builder()
                                .readBuffer(TUNED_BUFFER)
                                .parseBuffer(TUNED_BUFFER)
                                .explodeBuffer(TUNED_BUFFER)
                                .run(f));
        variants.put("loop", Logs::loop);
        variants.put("parallel", Logs::parallel);
        // Every variant warms up before any is timed, and the rounds take turns, so that none is
        // timed while the JIT is still compiling what the variant before it needed. The warm-up
        // lasts long enough for the collector to stop growing the heap: at the JVM's defaults G1
        // grows it for the first 5-6 seconds of this workload, and a round that lands on a growth
        // step first touches the new pages, which cost the loop as much as the pipeline (0.2-0.4
        // s against 0.06 s; docs/performance.md).
        long warmUpEnd = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        for (int warmUp = 0; warmUp < 3 || System.nanoTime() < warmUpEnd; warmUp++) {
            for (Work work : variants.values()) {
                work.apply(files);
            }
        }
        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, Map<String, Long>> counted = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Work> variant : variants.entrySet()) {
                long start = System.nanoTime();
                Map<String, Long> counts = variant.getValue().apply(files);
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf(Locale.ROOT, "%s round %d s=%.6f%n", variant.getKey(), r + 1, seconds);
                best.merge(variant.getKey(), seconds, Math::min);
                counted.put(variant.getKey(), counts);
            }
        }
        for (String variant : variants.keySet()) {
            Map<String, Long> counts = counted.get(variant);
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            out.printf(
                    Locale.ROOT,
                    "stagehand logs variant=%s best s=%.6f keys=%d total=%d%n",
                    variant,
                    best.get(variant),
                    counts.size(),
                    total);
        }
        out.flush();
    }

    /** One variant's whole run over the files. */
    private interface Work {
        Map<String, Long> apply(List<Path> files) throws Exception;
    }
}
