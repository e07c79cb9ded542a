package io.github.stagehand.benchmarks;

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
 * What a send that {@code done} can cancel costs against a plain send, on a buffered channel:
 *
 * <ul>
 *   <li>{@code STAGEHAND}: {@code Channel.send}, which is always done-aware;
 *   <li>{@code ARRAY_BLOCKING_QUEUE}: {@code put}, cancellable only by interrupting the thread;
 *   <li>{@code JOX}: {@code send}, not cancellable but by closing the channel itself;
 *   <li>{@code JOX_SELECT}: {@code select(out.sendClause(v), done.receiveClause())}, Go's {@code
 *       select { case out <- v: case <-done: }} as Jox spells it.
 * </ul>
 *
 * <p>{@link #handOff} moves {@link HandOffBenchmark#ELEMENTS} elements from one virtual producer to
 * one virtual consumer; {@link #uncontended} has one virtual thread fill the buffer and drain it
 * again, so no operation ever waits and only the cost of the calls themselves is left. Both score
 * elements sent per second.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CancellableSend -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CancellableSendBenchmark {

    @Param({"STAGEHAND", "ARRAY_BLOCKING_QUEUE", "JOX", "JOX_SELECT"})
    public Contender contender;

    @Param({"64"})
    public int capacity;

    private HandOff<Integer> channel;

    @Setup
    public void createChannel() {
        channel = contender.create(capacity);
    }

    /** One producer sends through the buffer to one consumer. */
    @Benchmark
    @OperationsPerInvocation(HandOffBenchmark.ELEMENTS)
    public long handOff() throws InterruptedException {
        return HandOffBenchmark.move(channel, 1, 1);
    }

    /** One thread: {@code capacity} sends, then as many receives, until all are through. */
    @Benchmark
    @OperationsPerInvocation(HandOffBenchmark.ELEMENTS)
    public long uncontended() throws InterruptedException {
        if (capacity < 1) {
            throw new IllegalArgumentException("uncontended needs a buffer; capacity " + capacity);
        }
        long[] received = new long[1];
        Crew crew = new Crew();
        crew.start(
                "sender",
                () -> {
                    Integer value = 1;
                    for (int sent = 0; sent < HandOffBenchmark.ELEMENTS; ) {
                        int batch = Math.min(capacity, HandOffBenchmark.ELEMENTS - sent);
                        for (int i = 0; i < batch; i++) {
                            channel.send(value);
                        }
                        for (int i = 0; i < batch; i++) {
                            received[0] += channel.receive();
                        }
                        sent += batch;
                    }
                });
        crew.join(); // orders the sender's writes before the read below
        if (received[0] != HandOffBenchmark.ELEMENTS) {
            throw new IllegalStateException(
                    "received " + received[0] + ", expected " + HandOffBenchmark.ELEMENTS);
        }
        return received[0];
    }
}
