package io.github.stagehand.benchmarks;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Received;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a receive with a timeout costs when it finds an element buffered, against {@code receive()}
 * (target: at most 1.2x): one thread fills a buffered channel and drains it again, so no call ever
 * waits. Scores elements received per second.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar TimedReceive -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TimedReceiveBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Param({"64"})
    public int capacity;

    private Channel<Integer> channel;

    @Setup
    public void createChannel() {
        channel = new Channel<>(capacity, new Done());
    }

    /** {@code capacity} sends, then as many {@code receive()}s. */
    @Benchmark
    @OperationsPerInvocation(64)
    public long receive() {
        fill();
        long sum = 0;
        for (int i = 0; i < capacity; i++) {
            sum += channel.receive();
        }
        return sum;
    }

    /** {@code capacity} sends, then as many {@code receive(1 s)}s, each switching on its result. */
    @Benchmark
    @OperationsPerInvocation(64)
    public long receiveWithTimeout() {
        fill();
        long sum = 0;
        for (int i = 0; i < capacity; i++) {
            switch (channel.receive(TIMEOUT)) {
                case Received.Element<Integer> e -> sum += e.value();
                case Received.Timeout<Integer> t -> throw new IllegalStateException("timed out");
                case Received.End<Integer> e -> throw new IllegalStateException("ended");
            }
        }
        return sum;
    }

    private void fill() {
        if (capacity != 64) {
            throw new IllegalArgumentException("operations per invocation assume 64: " + capacity);
        }
        Integer one = 1;
        for (int i = 0; i < capacity; i++) {
            channel.send(one);
        }
    }
}
