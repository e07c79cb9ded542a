package io.github.stagehand.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A batch stage with a linger against the same stage without one (target: at least 0.9x), at
 * saturation: {@link Batching}'s {@code gen} emits {@link #ITEMS} integers as fast as it can and
 * {@code sum} adds them up in batches of up to 500, through the generated {@code BatchingPipeline},
 * whose builder sets the linger ({@code none}: {@code Duration.ZERO}, batches full or at the end;
 * {@code 1s}; {@code 1ms}, which expires whenever the head falls behind). Every run is checked (the
 * sum of the batch sums). Scores elements through the pipeline per second.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BatchLinger -f 3 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchLingerBenchmark {

    /** Integers per invocation. */
    static final int ITEMS = 1_000_000;

    private static final long EXPECTED_SUM = (long) ITEMS * (ITEMS - 1) / 2;

    @Param({"none", "1s", "1ms"})
    public String linger;

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long pipeline() {
        Duration d =
                switch (linger) {
                    case "none" -> Duration.ZERO;
                    case "1s" -> Duration.ofSeconds(1);
                    case "1ms" -> Duration.ofMillis(1);
                    default -> throw new IllegalArgumentException(linger);
                };
        long sum = 0;
        try (var out = BatchingPipeline.builder().sumLinger(d).start(ITEMS)) {
            for (long batch : out) {
                sum += batch;
            }
        }
        if (sum != EXPECTED_SUM) {
            throw new IllegalStateException("sum " + sum + ", expected " + EXPECTED_SUM);
        }
        return sum;
    }
}
