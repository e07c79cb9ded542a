package io.github.stagehand.example;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code squares [N...]}: the Go blog's {@code main}. Starts {@code gen -> sq (2 workers) ->
 * merge}, prints the first square and returns early; closing the output closes {@code done}, which
 * releases the stages still sending.
 */
@Command(
        name = "squares",
        mixinStandardHelpOptions = true,
        description = "Square numbers on two workers, print the first result and return early.")
final class SquaresCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "N", description = "numbers to square (default: 2 3)")
    List<Integer> numbers = List.of(2, 3);

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int[] nums = numbers.stream().mapToInt(Integer::intValue).toArray();
        try (var squares = SquaresPipeline.start(nums)) {
            Integer first = squares.receive(); // 4 or 9
            out.println(first);
        } // close(done): the other worker's send is cancelled, and every stage thread has ended
        out.flush();
        return 0;
    }
}
