package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code squares} prints the first square and returns; {@code squares --bench} prints its carriers,
 * one line per timed round, and ends with the line {@code bench/sqpipe.sh} reads, in the shape of
 * Go's sqpipe; bad values are usage errors (exit 2) that print nothing on stdout.
 */
@Timeout(60)
class SquaresCommandTest {

    private static final Pattern LAST =
            Pattern.compile(
                    "stagehand sqpipe n=(\\d+) workers=(\\d+) buffer=(\\d+) best items/s=(\\d+)");
    private static final Pattern ROUND = Pattern.compile("round (\\d+) items/s=(\\d+)");

    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run squares(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new SquaresCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsTheFirstSquare() {
        Run run = squares("7", "8");

        assertEquals(0, run.exit());
        String first = run.out().strip();
        assertTrue(first.equals("49") || first.equals("64"), first);
    }

    @ParameterizedTest(name = "--bench --workers {0} --buffer {1}")
    @CsvSource({"1, 0", "2, 0", "2, 64", "3, 16"})
    void benchPrintsEachRoundThenTheBest(int workers, int buffer) {
        Run run =
                squares(
                        "--bench",
                        "--n",
                        "5000",
                        "--workers",
                        String.valueOf(workers),
                        "--buffer",
                        String.valueOf(buffer),
                        "--rounds",
                        "3");

        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.lines();
        assertEquals(5, lines.size(), run.out());
        String property = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        int carriers =
                property != null
                        ? Integer.parseInt(property)
                        : Runtime.getRuntime().availableProcessors();
        assertEquals("carriers=" + carriers, lines.get(0));
        long best = 0;
        for (int r = 0; r < 3; r++) {
            Matcher round = ROUND.matcher(lines.get(r + 1));
            assertTrue(round.matches(), lines.get(r + 1));
            assertEquals(r + 1, Integer.parseInt(round.group(1)));
            best = Math.max(best, Long.parseLong(round.group(2)));
        }
        Matcher last = LAST.matcher(lines.get(4));
        assertTrue(last.matches(), lines.get(4));
        assertEquals(
                List.of("5000", String.valueOf(workers), String.valueOf(buffer)),
                List.of(last.group(1), last.group(2), last.group(3)));
        assertEquals(best, Long.parseLong(last.group(4)), "the best round is the last figure");
        assertTrue(best > 0);
    }

    @ParameterizedTest(name = "--bench {0} is a usage error")
    @ValueSource(strings = {"--n=0", "--workers=0", "--buffer=-1", "--rounds=0", "--n=x"})
    void badValuesAreUsageErrors(String option) {
        Run run = squares("--bench", option);

        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("Usage: squares"), run.err());
    }

    @Test
    void statsWithoutBenchIsAUsageError() {
        Run run = squares("--stats");

        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("--stats goes with --bench"), run.err());
    }

    @Test
    void benchWithStatsPrintsTheBestRoundsTableOnStderr() {
        Run run = squares("--bench", "--n", "3000", "--rounds", "2", "--stats");

        assertEquals(0, run.exit(), run.err());
        assertTrue(
                run.lines().get(run.lines().size() - 1).startsWith("stagehand sqpipe n=3000"),
                run.out());
        List<String> table = run.err().lines().toList();
        assertTrue(table.get(0).matches("SquaresPipeline, [0-9.]+ s"), run.err());
        assertTrue(table.get(2).matches("gen +1 +0 +3000 .*"), run.err());
        assertTrue(table.get(3).matches("sq +2 +3000 +3000 .*"), run.err());
        assertTrue(table.stream().anyMatch(l -> l.matches("gen -> sq +0 +0 +0")), run.err());
    }
}
