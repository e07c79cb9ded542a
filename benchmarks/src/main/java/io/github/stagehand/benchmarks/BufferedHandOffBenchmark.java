package io.github.stagehand.benchmarks;

import org.openjdk.jmh.annotations.Param;

/**
 * {@link HandOffBenchmark} on buffered channels (Go's {@code make(chan T, capacity)}): Stagehand
 * against {@code ArrayBlockingQueue} and Jox's buffered channel of the same capacity, and the
 * unbounded {@code LinkedTransferQueue} as a reference without backpressure.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BufferedHandOff -p capacity=64 \
 *     -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
public class BufferedHandOffBenchmark extends HandOffBenchmark {

    @Param({"STAGEHAND", "ARRAY_BLOCKING_QUEUE", "LINKED_TRANSFER_QUEUE", "JOX"})
    public Contender contender;

    @Param({"16", "64", "1024"})
    public int capacity;

    @Override
    protected HandOff<Integer> create() {
        return contender.create(capacity);
    }
}
