package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.Graphs;
import io.github.stagehand.example.pipelines.Graphs_EarlyExitPipeline;
import io.github.stagehand.example.pipelines.Graphs_EarlyStreamAboveTeePipeline;
import io.github.stagehand.example.pipelines.Graphs_EarlyStreamBelowTeePipeline;
import io.github.stagehand.example.pipelines.Graphs_FailingPipeline;
import io.github.stagehand.example.pipelines.Graphs_MergedPipeline;
import io.github.stagehand.example.pipelines.Graphs_SplitPipeline;
import io.github.stagehand.example.pipelines.Graphs_TeedPipeline;
import io.github.stagehand.example.pipelines.Graphs_ZippedPipeline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Generated pipeline graphs, run and observed: tees, ports, merges, several sinks, failures. */
@Timeout(30)
class GraphBehaviourTest {

    @RepeatedTest(5)
    void aTeeDeliversEveryElementOnceToEachConsumerAndRunReturnsEverySinksValue() {
        Graphs.Teed teed = new Graphs.Teed();

        Graphs_TeedPipeline.Result result = Graphs_TeedPipeline.run(teed, 2_000);

        List<Integer> squares = IntStream.range(0, 2_000).map(i -> i * i).boxed().toList();
        assertEquals(squares.stream().mapToLong(Integer::longValue).sum(), result.sum());
        assertEquals(2_000L, result.count());
        List<Integer> collected = new ArrayList<>(result.collect());
        collected.sort(null);
        assertEquals(squares, collected);
        assertEquals(List.of(), teed.threads.alive());
    }

    @Test
    void eachConsumerOfATeeSeesTheSameOrder() {
        // one worker upstream: every branch must see the head's order
        Graphs.Teed teed = new Graphs.Teed();
        Graphs_TeedPipeline.Result result =
                Graphs_TeedPipeline.builder(teed).squareWorkers(1).run(500);
        assertEquals(IntStream.range(0, 500).map(i -> i * i).boxed().toList(), result.collect());
    }

    @RepeatedTest(5)
    void sideOutputsEachReachTheirOwnSink() {
        Graphs_SplitPipeline.Result result = Graphs_SplitPipeline.run(1_001);

        assertEquals(
                IntStream.rangeClosed(0, 1_000).filter(i -> i % 2 == 0).boxed().toList(),
                result.evens());
        assertEquals(
                IntStream.rangeClosed(0, 1_000).filter(i -> i % 2 == 1).boxed().toList(),
                result.odds());
    }

    @RepeatedTest(5)
    void aMergedInputEndsOnlyWhenEveryUpstreamHasEnded() {
        List<String> labels;
        try (var out = Graphs_MergedPipeline.start(300)) {
            labels = new ArrayList<>(out.stream().toList());
        }
        labels.sort(null);
        List<String> expected =
                new ArrayList<>(
                        Stream.concat(
                                        IntStream.range(0, 300).mapToObj(i -> "small " + i),
                                        IntStream.range(0, 300)
                                                .mapToObj(i -> "large " + (1_000 + i)))
                                .toList());
        expected.sort(null);
        assertEquals(expected, labels);
    }

    @RepeatedTest(5)
    void aJoinReadsItsInputsInTurn() {
        List<String> pairs = Graphs_ZippedPipeline.run(400);

        assertEquals(IntStream.range(0, 400).mapToObj(i -> i + ":w" + i).toList(), pairs);
    }

    @RepeatedTest(5)
    void aConsumerThatEndsEarlyLeavesTheTeeAndTheOthersGoOn() {
        Graphs_EarlyExitPipeline.Result result = Graphs_EarlyExitPipeline.run(5_000);

        assertEquals(List.of(0, 1, 2), result.firstThree());
        assertEquals(5_000L, result.all());
    }

    @RepeatedTest(5)
    void aStreamStageThatEndsEarlyAboveATeeEndsTheRunWithBothSinksValues() {
        // numbers -> firstFive (owned edge) -> tee -> sum, count; numbers has 100,000 to send
        Graphs_EarlyStreamAboveTeePipeline.Result result =
                Graphs_EarlyStreamAboveTeePipeline.run(100_000);

        assertEquals(0L + 1 + 2 + 3 + 4, result.sum());
        assertEquals(5L, result.count());
    }

    @RepeatedTest(5)
    void aStreamStageThatEndsEarlyBelowATeeLeavesItAndTheOtherBranchGetsEverything() {
        // numbers -> tee -> (firstFive -> sum) and (doubled x2 -> plusOne -> total)
        int n = 100_000;
        Graphs_EarlyStreamBelowTeePipeline.Result result =
                Graphs_EarlyStreamBelowTeePipeline.run(n);

        assertEquals(0L + 1 + 2 + 3 + 4, result.sum());
        long expected = 0;
        for (int i = 0; i < n; i++) {
            expected += 2L * i + 1;
        }
        assertEquals(expected, result.total());
    }

    @RepeatedTest(5)
    void theFirstFailureInOneBranchCancelsEveryBranchAndLeavesNoThread() {
        Graphs.Failing failing = new Graphs.Failing();

        IOException thrown =
                assertThrows(IOException.class, () -> Graphs_FailingPipeline.run(failing));

        assertEquals("failAt broke at 100", thrown.getMessage());
        assertEquals(List.of(), failing.threads.alive());
        assertTrue(failing.threads.names().contains("Graphs_FailingPipeline.drain#0"));
    }
}
