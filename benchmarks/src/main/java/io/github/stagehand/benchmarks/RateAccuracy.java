package io.github.stagehand.benchmarks;

import java.time.Duration;
import java.util.Locale;

/**
 * How close a saturated stage comes to its rate, on the system clock: for each rate given (default
 * 1, 1000, 100000 and 1000000 a second), {@link Paced}'s {@code pace} runs {@code rate * SECONDS}
 * calls (default 10 s; at least 11) on two workers fed as fast as the head can, and the achieved
 * rate is the calls after the first over the time from the first call's begin to the last's. The
 * target: within 1% of the limit, and never above it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.stagehand.benchmarks.RateAccuracy [SECONDS [RATE...]]
 * </pre>
 */
public final class RateAccuracy {
    private RateAccuracy() {}

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long[] rates = {1, 1_000, 100_000, 1_000_000};
        if (args.length > 1) {
            rates = new long[args.length - 1];
            for (int i = 1; i < args.length; i++) {
                rates[i - 1] = Long.parseLong(args[i]);
            }
        }
        for (long rate : rates) {
            int n = (int) Math.max(11, rate * seconds);
            Paced paced = new Paced();
            try (var out =
                    PacedPipeline.builder(paced).paceRate(rate, Duration.ofSeconds(1)).start(n)) {
                out.forEach(v -> {});
            }
            long span = paced.last.get() - paced.first.get();
            double achieved = (paced.calls.get() - 1) * 1e9 / span;
            System.out.printf(
                    Locale.ROOT,
                    "rate limit=%d/s calls=%d over %.3f s achieved=%.2f/s (%.3f%% of the limit)%n",
                    rate,
                    paced.calls.get(),
                    span / 1e9,
                    achieved,
                    100 * achieved / rate);
        }
    }
}
