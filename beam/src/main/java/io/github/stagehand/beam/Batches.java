package io.github.stagehand.beam;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.util.ShardedKey;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * A batch stage's input in batches, for the batch transforms of {@link StageTransforms}: every
 * element under one key, which {@code GroupIntoBatches.withShardedKey()} spreads over the threads
 * and workers that key it (or as the runner chooses), then batches of up to {@code size} elements
 * per shard, each handed over when full, once {@code linger} has passed in processing time, or when
 * the input (its window) ends. An element is in exactly one batch, and no batch is empty.
 *
 * <p>The batches are Beam's {@code Iterable}s, which the stage's function copies into a new list
 * for each call ({@link #list}), so that the stage may keep or change its list as in process: Beam
 * forbids changing an input element.
 */
final class Batches {
    private Batches() {}

    /**
     * Applies the batching to {@code in} within the stage's transform: its steps are {@code one
     * key}, {@code in batches} and {@code the batches}.
     */
    static <I> PCollection<Iterable<I>> of(PCollection<I> in, int size, Duration linger) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one element: " + size);
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("a linger is not negative: " + linger);
        }
        Coder<I> coder = in.getCoder();
        GroupIntoBatches<Integer, I> batches = GroupIntoBatches.ofSize(size);
        if (!linger.isZero()) {
            batches = batches.withMaxBufferingDuration(millis(linger));
        }
        // one key, 0: Beam's state and GroupIntoBatches refuse a null one
        PCollection<KV<ShardedKey<Integer>, Iterable<I>>> grouped =
                in.apply("one key", WithKeys.<Integer, I>of(0))
                        .setCoder(KvCoder.of(VarIntCoder.of(), coder))
                        .apply("in batches", batches.withShardedKey())
                        .setCoder(
                                KvCoder.of(
                                        ShardedKey.Coder.of(VarIntCoder.of()),
                                        IterableCoder.of(coder)));
        return grouped.apply("the batches", Values.create()).setCoder(IterableCoder.of(coder));
    }

    /**
     * {@code linger} as Beam's duration, in whole milliseconds, rounded up: Beam's is in
     * milliseconds, and a zero one would be no linger at all.
     */
    static org.joda.time.Duration millis(Duration linger) {
        long millis = linger.toMillis() + (linger.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
        return org.joda.time.Duration.millis(millis);
    }

    /** A new list of the batch's elements, the stage's to keep or change. */
    static <T> List<T> list(Iterable<? extends T> batch) {
        List<T> list = new ArrayList<>();
        for (T element : batch) {
            list.add(element);
        }
        return list;
    }
}
