package io.github.stagehand.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Channel hand-off: {@link #ELEMENTS} elements moved per invocation from producers to consumers,
 * every one a virtual thread started for the invocation and joined before it ends. The score is
 * elements moved per second. Subclasses choose the contenders and capacities: {@link
 * RendezvousHandOffBenchmark}, {@link BufferedHandOffBenchmark}.
 *
 * <p>Each producer sends its share of {@code 0..ELEMENTS-1} and each consumer receives an equal
 * share, so no end-of-stream marker is needed; the sum of what the consumers received is checked on
 * every invocation (nothing lost, nothing doubled).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class HandOffBenchmark {

    /** Elements per invocation; a multiple of every producer and consumer count used here. */
    static final int ELEMENTS = 1 << 16;

    /** Boxed once, so that the benchmarks measure the channels, not {@code Integer.valueOf}. */
    private static final Integer[] VALUES = new Integer[ELEMENTS];

    private static final long EXPECTED_SUM = (long) ELEMENTS * (ELEMENTS - 1) / 2;

    static {
        for (int i = 0; i < ELEMENTS; i++) {
            VALUES[i] = i;
        }
    }

    private HandOff<Integer> channel;

    /** The channel under test, created once per trial; every invocation leaves it empty. */
    protected abstract HandOff<Integer> create();

    @Setup
    public void createChannel() {
        channel = create();
    }

    /** One producer, one consumer. */
    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public long oneToOne() throws InterruptedException {
        return move(channel, 1, 1);
    }

    /** Two producers, two consumers on the same channel. */
    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public long twoToTwo() throws InterruptedException {
        return move(channel, 2, 2);
    }

    /** Fan-in: eight producers, one consumer. */
    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public long eightToOne() throws InterruptedException {
        return move(channel, 8, 1);
    }

    /**
     * Moves {@link #ELEMENTS} elements through {@code channel} from {@code producers} to {@code
     * consumers} virtual threads, and returns once all of them have ended.
     *
     * @return the sum of the elements received, checked
     */
    static long move(HandOff<Integer> channel, int producers, int consumers)
            throws InterruptedException {
        int sendEach = ELEMENTS / producers;
        int receiveEach = ELEMENTS / consumers;
        AtomicLong received = new AtomicLong();
        Crew crew = new Crew();
        for (int c = 0; c < consumers; c++) {
            crew.start(
                    "consumer#" + c,
                    () -> {
                        long sum = 0;
                        for (int i = 0; i < receiveEach; i++) {
                            sum += channel.receive();
                        }
                        received.addAndGet(sum);
                    });
        }
        for (int p = 0; p < producers; p++) {
            int from = p * sendEach;
            crew.start(
                    "producer#" + p,
                    () -> {
                        for (int i = from; i < from + sendEach; i++) {
                            channel.send(VALUES[i]);
                        }
                    });
        }
        crew.join();
        return check(received.get());
    }

    private static long check(long sum) {
        if (sum != EXPECTED_SUM) {
            throw new IllegalStateException("received sum " + sum + ", expected " + EXPECTED_SUM);
        }
        return sum;
    }
}
