package io.github.stagehand.benchmarks;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.ChannelClosed;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's pipeline written by hand over Jox channels, as the Go blog writes it: every send is
 * {@code select { case out <- v: case <-done: }}, each stage closes its output when it ends, and
 * the last sq worker to end closes the merged output. The anchor {@code
 * ../shared/bench/java/SqPipeJox.java} has the same shape.
 *
 * <pre>{@code
 * SeedPipelineBenchmark.Tally t = SeedJox.run(100_000, 2, 64);   // on a virtual thread
 * }</pre>
 */
final class SeedJox {
    private SeedJox() {}

    /** Runs gen → sq ({@code workers}) → merge over {@code 0..n-1}; consumes on this thread. */
    static SeedPipelineBenchmark.Tally run(int n, int workers, int buffer)
            throws InterruptedException {
        Channel<Void> done = Channel.newRendezvousChannel();
        Channel<Integer> numbers = Contender.jox(buffer);
        Channel<Integer> squares = Contender.jox(buffer);
        Crew crew = new Crew();
        crew.start(
                "gen",
                () -> {
                    try {
                        for (int i = 0; i < n; i++) {
                            if (Contender.sendOrDone(numbers.sendClause(i), done.receiveClause())) {
                                return;
                            }
                        }
                    } finally {
                        numbers.done(); // defer close(out)
                    }
                });
        AtomicInteger running = new AtomicInteger(workers);
        for (int w = 0; w < workers; w++) {
            crew.start(
                    "sq#" + w,
                    () -> {
                        try {
                            for (Object v = numbers.receiveOrClosed();
                                    !(v instanceof ChannelClosed);
                                    v = numbers.receiveOrClosed()) {
                                int square = Seed.sq((Integer) v);
                                if (Contender.sendOrDone(
                                        squares.sendClause(square), done.receiveClause())) {
                                    return;
                                }
                            }
                        } finally {
                            if (running.decrementAndGet() == 0) {
                                squares.done(); // merge: the last worker closes the output
                            }
                        }
                    });
        }
        int count = 0;
        int sum = 0;
        for (Object v = squares.receiveOrClosed();
                !(v instanceof ChannelClosed);
                v = squares.receiveOrClosed()) {
            sum += (Integer) v;
            count++;
        }
        done.done(); // defer close(done)
        crew.join();
        return new SeedPipelineBenchmark.Tally(count, sum);
    }
}
