package io.github.stagehand.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stage shapes lowered onto Beam and run on the DirectRunner: a chain, a tee, a merge and a
 * sink over an empty input give what the same stage bodies give run as a plain loop; a stage's
 * failure fails the run with the stage's own exception as the cause; a batch stage's linger hands a
 * batch over once it has passed in processing time.
 */
@Timeout(120)
class StageTransformsTest {

    // the stage bodies, as a user's static @Stage methods would be
    static void numbers(Out<Integer> out, Integer n) {
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    static Integer square(Integer v) {
        return v * v;
    }

    static void digits(Integer v, Out<String> out) {
        for (char c : String.valueOf(v).toCharArray()) {
            out.send(String.valueOf(c));
        }
    }

    static String histogram(In<String> in) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (String digit : in) {
            counts.merge(digit, 1, Integer::sum);
        }
        return counts.toString();
    }

    static Long sum(In<Integer> in) {
        long sum = 0;
        for (int v : in) {
            sum += v;
        }
        return sum;
    }

    /** The same bodies as one plain loop: the oracle. */
    static String histogramLoop(int n) {
        List<String> all = new ArrayList<>();
        numbers(v -> digits(square(v), all::add), n);
        return histogram(new IterableIn<>(all));
    }

    /** The head {@code numbers} over {@code n}, as a stage named {@code stage}. */
    private static PTransform<PBegin, PCollection<Integer>> numbersHead(String stage, int n) {
        return StageTransforms.head(
                stage,
                n,
                VarIntCoder.of(),
                TypeDescriptors.integers(),
                StageTransformsTest::numbers);
    }

    private static Pipeline direct() {
        return Pipeline.create(
                PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--targetParallelism=4")
                        .create());
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {0, 1, 1_000})
    void aChainGivesWhatTheLoopGives(int n) {
        Pipeline p = direct();
        PCollection<String> histogram =
                p.apply(numbersHead("numbers", n))
                        .apply(
                                StageTransforms.map(
                                        "square",
                                        TypeDescriptors.integers(),
                                        StageTransformsTest::square))
                        .apply(
                                StageTransforms.flat(
                                        "digits",
                                        TypeDescriptors.strings(),
                                        StageTransformsTest::digits))
                        .apply(
                                StageTransforms.sink(
                                        "histogram",
                                        TypeDescriptors.strings(),
                                        StageTransformsTest::histogram));

        PAssert.thatSingleton(histogram).isEqualTo(histogramLoop(n));
        p.run().waitUntilFinish();
    }

    @Test
    void aTeeGivesEveryConsumerEveryElementAndAMergeAllOfThem() {
        Pipeline p = direct();
        PCollection<Integer> squares =
                p.apply(numbersHead("numbers", 500))
                        .apply(
                                StageTransforms.map(
                                        "square",
                                        TypeDescriptors.integers(),
                                        StageTransformsTest::square));
        // tee: two consumers of the same output
        PCollection<Long> total =
                squares.apply(
                        StageTransforms.sink(
                                "sum", TypeDescriptors.longs(), StageTransformsTest::sum));
        PCollection<String> histogram =
                squares.apply(
                                StageTransforms.flat(
                                        "digits",
                                        TypeDescriptors.strings(),
                                        StageTransformsTest::digits))
                        .apply(
                                StageTransforms.sink(
                                        "histogram",
                                        TypeDescriptors.strings(),
                                        StageTransformsTest::histogram));
        // merge: two heads into one sink
        PCollection<Integer> more = p.apply(numbersHead("more", 300));
        PCollection<Long> merged =
                PCollectionList.of(squares)
                        .and(more)
                        .apply(Flatten.pCollections())
                        .apply(
                                StageTransforms.sink(
                                        "mergedSum",
                                        TypeDescriptors.longs(),
                                        StageTransformsTest::sum));

        long squaresSum = 0;
        for (long i = 0; i < 500; i++) {
            squaresSum += i * i;
        }
        PAssert.thatSingleton(total).isEqualTo(squaresSum);
        PAssert.thatSingleton(histogram).isEqualTo(histogramLoop(500));
        PAssert.thatSingleton(merged).isEqualTo(squaresSum + 300L * 299 / 2);
        p.run().waitUntilFinish();
    }

    @Test
    void aFailingStageFailsTheRunWithItsOwnException() {
        Pipeline p = direct();
        p.apply(numbersHead("numbers", 10))
                .apply(
                        StageTransforms.map(
                                "nullAtFive",
                                TypeDescriptors.integers(),
                                (Integer v) -> v == 5 ? null : v));

        Exception e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof NullPointerException)) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof NullPointerException, e.toString());
        assertTrue(
                cause.getMessage().contains("map stage nullAtFive returned null"),
                cause.getMessage());
    }

    @Test
    void typeDescriptorsOfGenericElementsGiveTheirCoders() {
        Pipeline p = direct();
        PCollection<List<Integer>> pairs =
                p.apply(numbersHead("numbers", 4))
                        .apply(
                                StageTransforms.map(
                                        "pair",
                                        new TypeDescriptor<List<Integer>>() {},
                                        (Integer v) -> List.of(v, v)));
        PCollection<Long> total =
                pairs.apply(
                                StageTransforms.flat(
                                        "flatten",
                                        TypeDescriptors.integers(),
                                        (List<Integer> l, Out<Integer> out) ->
                                                l.forEach(out::send)))
                        .apply(
                                StageTransforms.sink(
                                        "sum", TypeDescriptors.longs(), StageTransformsTest::sum));

        PAssert.thatSingleton(total).isEqualTo(2L * (0 + 1 + 2 + 3));
        p.run().waitUntilFinish();
    }

    /** Not serializable, no coder: what [BeamNoCoder] keeps out of a generated graph. */
    record Point(int x, int y) {}

    @Test
    void beamRefusesAnElementTypeItHasNoCoderForAsTheGraphIsBuilt() {
        Pipeline p = direct();
        PCollection<Integer> numbers = p.apply(numbersHead("numbers", 3));

        Exception e =
                assertThrows(
                        Exception.class,
                        () ->
                                numbers.apply(
                                                StageTransforms.map(
                                                        "point",
                                                        TypeDescriptor.of(Point.class),
                                                        (Integer v) -> new Point(v, v)))
                                        .apply(
                                                StageTransforms.sink(
                                                        "count",
                                                        TypeDescriptors.longs(),
                                                        (In<Point> in) -> in.stream().count())));
        assertTrue(
                String.valueOf(e.getMessage()).contains("Unable to provide a Coder"), e.toString());
    }

    @Test
    void aLingerHandsABatchOverOnceItHasPassedInProcessingTime() {
        // given three elements, two seconds of processing time, then two more
        Pipeline p = direct();
        TestStream<Integer> slow =
                TestStream.create(VarIntCoder.of())
                        .addElements(1, 2, 3)
                        .advanceProcessingTime(org.joda.time.Duration.standardSeconds(2))
                        .addElements(4, 5)
                        .advanceWatermarkToInfinity();

        // when batches of up to 100 linger one second
        PCollection<List<Integer>> batches =
                p.apply(slow)
                        .apply(
                                StageTransforms.batchMap(
                                        "batches",
                                        100,
                                        Duration.ofSeconds(1),
                                        new TypeDescriptor<List<Integer>>() {},
                                        (List<Integer> batch) -> batch));

        // then the first three are handed over on their own
        PAssert.that(batches).containsInAnyOrder(List.of(1, 2, 3), List.of(4, 5));
        p.run().waitUntilFinish();
    }

    @Test
    void aLingerIsGivenToBeamInWholeMillisecondsRoundedUpAndABatchHoldsOneElementAtLeast() {
        assertEquals(org.joda.time.Duration.millis(1), Batches.millis(Duration.ofNanos(1)));
        assertEquals(org.joda.time.Duration.millis(20), Batches.millis(Duration.ofMillis(20)));
        assertEquals(
                org.joda.time.Duration.millis(1_001),
                Batches.millis(Duration.ofMillis(1_000).plusNanos(1)));

        PCollection<Integer> numbers = direct().apply(numbersHead("numbers", 3));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        numbers.apply(
                                StageTransforms.batchEach(
                                        "none", 0, Duration.ZERO, (List<Integer> batch) -> {})));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        numbers.apply(
                                StageTransforms.batchEach(
                                        "backwards",
                                        2,
                                        Duration.ofMillis(-1),
                                        (List<Integer> batch) -> {})));
    }
}
