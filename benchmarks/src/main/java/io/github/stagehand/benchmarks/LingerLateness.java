package io.github.stagehand.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * How late a batch is handed over by its linger, on the system clock: {@link Lingering}'s 5 ms
 * linger, {@code N} batches of one value each (default 200, 20 ms apart), each timed from the
 * value's send to the stage's call (a worker that took a value more than 15 ms late batches the
 * next with it, and there is one batch fewer). Fails if one came early; prints {@code linger late
 * p50=... p99=... max=...} in milliseconds (nearest rank). The target is p99 under 1 ms.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.stagehand.benchmarks.LingerLateness [N]
 * </pre>
 */
public final class LingerLateness {
    private LingerLateness() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long[] all = new long[n];
        int i = 0;
        try (var out = LingeringPipeline.start(n)) {
            for (long nanos : out) {
                if (nanos < 0) {
                    throw new IllegalStateException("a batch came " + -nanos + " ns early");
                }
                all[i++] = nanos;
            }
        }
        // a worker that took a value more than 15 ms late batches the next one with it
        long[] late = Arrays.copyOf(all, i);
        n = i;
        Arrays.sort(late);
        System.out.printf(
                Locale.ROOT,
                "linger late n=%d p50=%.3fms p99=%.3fms max=%.3fms%n",
                n,
                late[(int) Math.ceil(0.50 * n) - 1] / 1e6,
                late[(int) Math.ceil(0.99 * n) - 1] / 1e6,
                late[n - 1] / 1e6);
    }
}
