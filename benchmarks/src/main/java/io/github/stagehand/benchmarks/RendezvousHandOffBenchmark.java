package io.github.stagehand.benchmarks;

import org.openjdk.jmh.annotations.Param;

/**
 * {@link HandOffBenchmark} on unbuffered channels (Go's {@code make(chan T)}): Stagehand against
 * {@code SynchronousQueue}, {@code LinkedTransferQueue.transfer} and Jox's rendezvous channel.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RendezvousHandOff -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
public class RendezvousHandOffBenchmark extends HandOffBenchmark {

    @Param({"STAGEHAND", "SYNCHRONOUS_QUEUE", "LINKED_TRANSFER_QUEUE", "JOX"})
    public Contender contender;

    @Override
    protected HandOff<Integer> create() {
        return contender.create(0);
    }
}
