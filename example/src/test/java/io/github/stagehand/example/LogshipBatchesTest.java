package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sinks' hand batching ({@link LogshipBatches}): a batch is handed on full, after the linger
 * from its first element (never sooner), or at the end of the input; never empty, never twice, in
 * input order; and a cancelled run hands on nothing it held.
 */
@Timeout(60)
class LogshipBatchesTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private final Done done = new Done();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    /** Runs forEach on a thread of its own, recording the batches. */
    private CompletableFuture<Void> batching(Channel<Integer> in, int size, Duration linger) {
        return CompletableFuture.runAsync(
                () ->
                        LogshipBatches.forEach(
                                in, done, size, linger, batch -> batches.add(List.copyOf(batch))),
                task -> Thread.ofVirtual().start(task));
    }

    @Test
    void fullBatchesThenWhatIsLeftAtTheEnd() throws Exception {
        Channel<Integer> in = new Channel<>(16, done);
        CompletableFuture<Void> run = batching(in, 100, HOUR);

        for (int i = 0; i < 1234; i++) {
            in.send(i);
        }
        in.close();
        run.get(30, TimeUnit.SECONDS);

        assertEquals(13, batches.size());
        for (int b = 0; b < 12; b++) {
            assertEquals(IntStream.range(b * 100, b * 100 + 100).boxed().toList(), batches.get(b));
        }
        assertEquals(IntStream.range(1200, 1234).boxed().toList(), batches.get(12));
    }

    @Test
    void aBatchThatDoesNotFillIsHandedOnAfterTheLingerNeverSooner() throws Exception {
        Channel<Integer> in = new Channel<>(16, done);
        Duration linger = Duration.ofMillis(200);
        CompletableFuture<Void> run = batching(in, 100, linger);

        long sent = System.nanoTime();
        in.send(1);
        in.send(2);
        in.send(3);
        LogshipFixtures.await(
                "the lingering batch", Duration.ofSeconds(10), () -> !batches.isEmpty());
        long handed = System.nanoTime();
        in.send(4); // a batch of its own: the input has not ended
        LogshipFixtures.await(
                "the second batch", Duration.ofSeconds(10), () -> batches.size() == 2);
        in.close();
        run.get(30, TimeUnit.SECONDS);

        assertEquals(List.of(List.of(1, 2, 3), List.of(4)), batches);
        // the contract's lower bound, which a slow machine cannot break: the first element was
        // sent after `sent`, so its batch was due no sooner than `sent` + linger
        assertTrue(handed - sent >= linger.toNanos(), "handed on " + (handed - sent) + " ns");
    }

    @Test
    void nothingHeldIsNothingHandedOn() throws Exception {
        Channel<Integer> in = new Channel<>(16, done);
        CompletableFuture<Void> run = batching(in, 2, HOUR);

        in.send(1);
        in.send(2); // a full batch, handed on at once; nothing is held after it
        LogshipFixtures.await("the full batch", Duration.ofSeconds(10), () -> !batches.isEmpty());
        in.close();
        run.get(30, TimeUnit.SECONDS);

        assertEquals(List.of(List.of(1, 2)), batches);
    }

    @Test
    void aCancelledRunHandsOnNothingItHeld() throws Exception {
        Channel<Integer> in = new Channel<>(0, done); // unbuffered: a send returns once received
        CompletableFuture<Void> run = batching(in, 100, HOUR);
        in.send(1);
        in.send(2);

        done.close();

        var failure =
                assertThrows(
                        java.util.concurrent.ExecutionException.class,
                        () -> run.get(30, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof CancelledException, failure.toString());
        assertEquals(new ArrayList<List<Integer>>(), batches);
    }
}
