package io.github.stagehand.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.beam.pipelines.Batched;
import io.github.stagehand.beam.pipelines.BatchedBeam;
import io.github.stagehand.beam.pipelines.BatchedPipeline;
import io.github.stagehand.beam.pipelines.BranchesBeam;
import io.github.stagehand.beam.pipelines.BranchesPipeline;
import io.github.stagehand.beam.pipelines.Effects;
import io.github.stagehand.beam.pipelines.EffectsBeam;
import io.github.stagehand.beam.pipelines.EffectsPipeline;
import io.github.stagehand.beam.pipelines.JoinsBeam;
import io.github.stagehand.beam.pipelines.JoinsPipeline;
import io.github.stagehand.beam.pipelines.Shapes;
import io.github.stagehand.beam.pipelines.ShapesBeam;
import io.github.stagehand.beam.pipelines.ShapesPipeline;
import io.github.stagehand.beam.pipelines.Watched;
import io.github.stagehand.beam.pipelines.WatchedBeam;
import io.github.stagehand.beam.pipelines.WatchedPipeline;
import io.github.stagehand.beam.pipelines.WordFrequenciesBeam;
import io.github.stagehand.beam.pipelines.WordFrequenciesPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the processor generates as {@code <Owner>Beam}, run on the DirectRunner, gives what {@code
 * <Owner>Pipeline} gives in process, on generated inputs: a chain; a graph of tees and a merge with
 * an instance stage; side outputs of a head and of a flat stage, and a stream stage; void sinks,
 * stages that take done, joins; and batch stages, whose batches may be cut elsewhere on Beam.
 */
@Timeout(120)
class GeneratedBeamTest {

    private static Pipeline direct() {
        return Pipeline.create(
                PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--targetParallelism=4")
                        .create());
    }

    /** Lines of random words over a small alphabet, with punctuation and upper case between. */
    private static List<String> text(long seed, int lines) {
        Random random = new Random(seed);
        String letters = "abcXYZ019";
        String[] gaps = {" ", ", ", "--", ". ", "\t"};
        List<String> text = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            StringBuilder line = new StringBuilder();
            for (int w = random.nextInt(12); w > 0; w--) {
                for (int c = 1 + random.nextInt(4); c > 0; c--) {
                    line.append(letters.charAt(random.nextInt(letters.length())));
                }
                line.append(gaps[random.nextInt(gaps.length)]);
            }
            text.add(line.toString());
        }
        return text;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aChainOnBeamGivesWhatItGivesInProcess(long seed) {
        List<String> text = text(seed, seed == 3 ? 0 : 2_000);
        Map<String, Long> inProcess = WordFrequenciesPipeline.run(text);

        Pipeline p = direct();
        PCollection<Map<String, Long>> onBeam = WordFrequenciesBeam.expand(p, text);
        PAssert.thatSingleton(onBeam).isEqualTo(inProcess);
        p.run().waitUntilFinish();
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {0, 7, 3_000})
    void teesAndAMergeOnBeamGiveWhatTheyGiveInProcess(int n) {
        Shapes shapes = new Shapes(5);
        ShapesPipeline.Result inProcess = ShapesPipeline.run(shapes, n);

        Pipeline p = direct();
        ShapesBeam.Outputs onBeam = ShapesBeam.expand(p, shapes, n);
        PAssert.thatSingleton(onBeam.sum()).isEqualTo(inProcess.sum());
        PAssert.thatSingleton(onBeam.count()).isEqualTo(inProcess.count());
        p.run().waitUntilFinish();
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {0, 1, 2_001})
    void sideOutputsAndAStreamStageOnBeamGiveWhatTheyGiveInProcess(int n) {
        BranchesPipeline.Result inProcess = BranchesPipeline.run(n);

        Pipeline p = direct();
        BranchesBeam.Outputs onBeam = BranchesBeam.expand(p, n);
        PAssert.thatSingleton(onBeam.evenSum()).isEqualTo(inProcess.evenSum());
        PAssert.thatSingleton(onBeam.oddCount()).isEqualTo(inProcess.oddCount());
        PAssert.thatSingleton(onBeam.largeSum()).isEqualTo(inProcess.largeSum());
        p.run().waitUntilFinish();
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {0, 500})
    void aVoidSinkRunsOnceOnBeamAsInProcess(int n) {
        Effects.RECORDED.set(0);
        EffectsPipeline.run(n);
        long inProcess = Effects.RECORDED.getAndSet(0);

        Pipeline p = direct();
        EffectsBeam.expand(p, n);
        p.run().waitUntilFinish();

        assertEquals(inProcess, Effects.RECORDED.get());
        assertEquals(1L + (long) n * (n - 1) / 2, inProcess);
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 300})
    void stagesThatTakeDoneSeeItOpenWhileTheyRunAndClosedOnceTheRunnerEndsThem(int n) {
        long inProcess = WatchedPipeline.run(n);
        Watched.SEEN.clear();

        Pipeline p = direct();
        PCollection<Long> opens = WatchedBeam.expand(p, n);
        PAssert.thatSingleton(opens).isEqualTo(inProcess);
        p.run().waitUntilFinish();

        assertEquals((long) n, inProcess);
        assertTrue(!Watched.SEEN.isEmpty());
        assertTrue(Watched.SEEN.stream().allMatch(d -> d.isClosed()), "a stage's done left open");
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {0, 1, 401})
    void joinsOnBeamGiveWhatTheyGiveInProcess(int n) {
        // at most 256 large numbers: in process, the joins read all of small before any of large,
        // and small ends only when numbers does, so numbers must not block on large's full buffer
        JoinsPipeline.Result inProcess = JoinsPipeline.run(n);

        Pipeline p = direct();
        JoinsBeam.Outputs onBeam = JoinsBeam.expand(p, n);
        PAssert.thatSingleton(onBeam.difference()).isEqualTo(inProcess.difference());
        PAssert.thatSingleton(onBeam.count()).isEqualTo(inProcess.count());
        p.run().waitUntilFinish();
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {0, 1, 1_000})
    void batchStagesOnBeamGiveWhatTheyGiveInProcessEachElementInOneBatchOfOneToItsSize(int n) {
        Batched.STORED.clear();
        BatchedPipeline.Result inProcess = BatchedPipeline.run(n);
        List<List<Object>> storedInProcess = List.copyOf(Batched.STORED);
        Batched.STORED.clear();
        List<Integer> all = IntStream.range(0, n).boxed().toList();
        assertEquals(all, elementsOfBatches(inProcess.partition(), 4));
        assertEquals(all, elementsOfBatches(storedInProcess, 5));

        Pipeline p = direct();
        BatchedBeam.Outputs onBeam = BatchedBeam.expand(p, n);
        PAssert.thatSingleton(onBeam.total()).isEqualTo(inProcess.total());
        PAssert.thatSingleton(onBeam.evenSum()).isEqualTo(inProcess.evenSum());
        PAssert.thatSingleton(onBeam.oddCount()).isEqualTo(inProcess.oddCount());
        PAssert.thatSingleton(onBeam.partition())
                .satisfies(
                        batches -> {
                            assertEquals(all, elementsOfBatches(batches, 4));
                            return null;
                        });
        p.run().waitUntilFinish();

        assertEquals(all, elementsOfBatches(List.copyOf(Batched.STORED), 5));
    }

    /**
     * The elements of {@code batches}, sorted, after checking that each batch holds 1 to {@code
     * size} of them: the numbers 0 to n - 1 once each when every element was in exactly one batch.
     */
    private static List<Integer> elementsOfBatches(List<? extends List<?>> batches, int size) {
        List<Integer> elements = new ArrayList<>();
        for (List<?> batch : batches) {
            assertTrue(
                    !batch.isEmpty() && batch.size() <= size,
                    "a batch of " + batch.size() + ", not 1 to " + size + ": " + batch);
            batch.forEach(e -> elements.add((Integer) e));
        }
        elements.sort(null);
        return elements;
    }
}
