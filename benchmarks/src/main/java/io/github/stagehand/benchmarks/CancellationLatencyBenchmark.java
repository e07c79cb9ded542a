package io.github.stagehand.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cancellation latency: a 101-stage generated pipeline ({@link HundredStages}) is started and one
 * element received (outside the timing); then {@code close()} is timed: {@code done} closes, every
 * stage blocked in a send or a receive wakes, and the call returns once every stage thread has
 * ended. Sample-time mode, so JMH reports p50, p99 and the rest. After each invocation the
 * benchmark checks that all 101 stage threads ran and that none is alive, and throws otherwise.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CancellationLatency -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CancellationLatencyBenchmark {

    private HundredStages stages;
    private HundredStagesPipeline.Output output;

    @Setup(Level.Invocation)
    public void startAndReceiveOne() {
        stages = new HundredStages();
        output = HundredStagesPipeline.builder(stages).start();
        Integer first = output.receive();
        if (first == null || first != HundredStages.STAGES - 1) {
            throw new IllegalStateException(
                    "first element " + first + ", expected " + (HundredStages.STAGES - 1));
        }
    }

    /** The owner's early exit: close {@code done} and wait for every stage thread. */
    @Benchmark
    public void close() {
        output.close();
    }

    @TearDown(Level.Invocation)
    public void checkNoStageThreadAlive() {
        var threads = stages.threads();
        List<String> alive = threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        if (threads.size() != HundredStages.STAGES || !alive.isEmpty()) {
            throw new IllegalStateException(
                    threads.size()
                            + " stage threads ran (expected "
                            + HundredStages.STAGES
                            + "); alive after close(): "
                            + alive);
        }
    }
}
