package io.github.stagehand.example;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code squares [N...]}: the Go blog's {@code main}. Starts {@code gen -> sq (2 workers) ->
 * merge}, prints the first square and returns early; closing the output closes {@code done}, which
 * releases the stages still sending.
 *
 * <p>{@code squares --bench --n N --workers W --buffer B} times the same generated pipeline over
 * {@code 0..N-1}, like {@code ../shared/bench/go/sqpipe}, so that the two compare one to one.
 */
@Command(
        name = "squares",
        mixinStandardHelpOptions = true,
        description = "Square numbers on two workers, print the first result and return early.")
final class SquaresCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "N", description = "numbers to square (default: 2 3)")
    List<Integer> numbers = List.of(2, 3);

    @Option(
            names = "--bench",
            description = "time the pipeline over 0..n-1 instead; prints items/s")
    boolean bench;

    @Option(
            names = "--n",
            paramLabel = "N",
            description = "items per round with --bench (default: ${DEFAULT-VALUE})")
    int n = 2_000_000;

    @Option(
            names = "--workers",
            paramLabel = "W",
            description = "sq workers with --bench (default: ${DEFAULT-VALUE})")
    int workers = 2;

    @Option(
            names = "--buffer",
            paramLabel = "B",
            description =
                    "channel capacity with --bench, 0 = unbuffered (default: ${DEFAULT-VALUE})")
    int buffer = 0;

    @Option(
            names = "--rounds",
            paramLabel = "R",
            description =
                    "timed rounds with --bench; the best is printed (default: ${DEFAULT-VALUE})")
    int rounds = 5;

    @Option(
            names = "--stats",
            description =
                    "with --bench, record each round's statistics and print the best round's on"
                            + " stderr at the end")
    boolean stats;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (stats && !bench) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--stats goes with --bench");
        }
        if (bench) {
            SquaresBench bench = new SquaresBench(n, workers, buffer, rounds, spec);
            bench.run(out, stats ? spec.commandLine().getErr() : null);
            return 0;
        }
        int[] nums = numbers.stream().mapToInt(Integer::intValue).toArray();
        try (var squares = SquaresPipeline.start(nums)) {
            Integer first = squares.receive(); // 4 or 9
            out.println(first);
        } // close(done): the other worker's send is cancelled, and every stage thread has ended
        out.flush();
        return 0;
    }
}
