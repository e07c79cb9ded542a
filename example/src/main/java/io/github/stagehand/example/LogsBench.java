package io.github.stagehand.example;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the log analyzer ({@link Logs}) four ways in one JVM, each a warm-up and then {@code
 * rounds} timed rounds: the generated pipeline at its {@code @Stage} defaults, the same with the
 * buffers the README advises for fine-grained stages, the plain loop, and a parallel stream. Each
 * variant's last line is {@code stagehand logs variant=V best s=S keys=K total=T}, the best
 * (smallest) seconds, and how many distinct keys and counted keys it found, so that {@code
 * bench/logs.sh} can check that all agree.
 */
final class LogsBench {
    /** The buffer the README's tuning section advises for stages that do little per element. */
    static final int TUNED_BUFFER = 256;

    private final List<Path> files;
    private final int rounds;

    LogsBench(List<Path> files, int rounds) {
        this.files = files;
        this.rounds = rounds;
    }

    void run(PrintWriter out) throws Exception {
        out.printf("carriers=%d%n", SquaresBench.carriers());
        time(out, "defaults", LogsPipeline::run);
        time(
                out,
                "tuned",
                f ->
                        LogsPipeline.builder()
                                .readBuffer(TUNED_BUFFER)
                                .parseBuffer(TUNED_BUFFER)
                                .explodeBuffer(TUNED_BUFFER)
                                .run(f));
        time(out, "loop", Logs::loop);
        time(out, "parallel", Logs::parallel);
        out.flush();
    }

    private void time(PrintWriter out, String variant, Work work) throws Exception {
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            work.apply(files);
        }
        double best = Double.MAX_VALUE;
        Map<String, Long> counts = Map.of();
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            counts = work.apply(files);
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "%s round %d s=%.6f%n", variant, r + 1, seconds);
            best = Math.min(best, seconds);
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        out.printf(
                Locale.ROOT,
                "stagehand logs variant=%s best s=%.6f keys=%d total=%d%n",
                variant,
                best,
                counts.size(),
                total);
        out.flush();
    }

    /** One variant's whole run over the files. */
    private interface Work {
        Map<String, Long> apply(List<Path> files) throws Exception;
    }
}
