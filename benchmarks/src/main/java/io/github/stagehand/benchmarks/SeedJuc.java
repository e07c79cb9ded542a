package io.github.stagehand.benchmarks;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * The seed's pipeline written by hand over j.u.c queues and virtual threads, as one would without
 * Stagehand: a {@code SynchronousQueue} when unbuffered, else an {@code ArrayBlockingQueue}; one
 * end marker per worker instead of closing a channel; cancellation only by interrupt (which the
 * benchmark never needs). The anchor {@code ../shared/bench/java/SqPipeJuc.java} has the same
 * shape.
 *
 * <pre>{@code
 * SeedPipelineBenchmark.Tally t = SeedJuc.run(100_000, 2, 64);   // on a virtual thread
 * }</pre>
 */
final class SeedJuc {
    /** What each worker reads last, and what it sends on when it ends. */
    private static final Object END = new Object();

    private SeedJuc() {}

    /** Runs gen → sq ({@code workers}) → merge over {@code 0..n-1}; consumes on this thread. */
    static SeedPipelineBenchmark.Tally run(int n, int workers, int buffer)
            throws InterruptedException {
        BlockingQueue<Object> numbers = queue(buffer);
        BlockingQueue<Object> squares = queue(buffer); // the workers' shared output: the merge
        Crew crew = new Crew();
        crew.start(
                "gen",
                () -> {
                    for (int i = 0; i < n; i++) {
                        numbers.put(i);
                    }
                    for (int w = 0; w < workers; w++) {
                        numbers.put(END);
                    }
                });
        for (int w = 0; w < workers; w++) {
            crew.start(
                    "sq#" + w,
                    () -> {
                        for (Object v = numbers.take(); v != END; v = numbers.take()) {
                            squares.put(Seed.sq((Integer) v));
                        }
                        squares.put(END);
                    });
        }
        int count = 0;
        int sum = 0;
        for (int ended = 0; ended < workers; ) {
            Object v = squares.take();
            if (v == END) {
                ended++;
            } else {
                sum += (Integer) v;
                count++;
            }
        }
        crew.join();
        return new SeedPipelineBenchmark.Tally(count, sum);
    }

    private static BlockingQueue<Object> queue(int buffer) {
        return buffer == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(buffer);
    }
}
