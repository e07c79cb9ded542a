package io.github.stagehand.example;

import static java.nio.file.StandardOpenOption.APPEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code logs FILE...} prints one {@code KEY<TAB>COUNT} line per key, in key order, the counts a
 * plain loop over the same lines finds; {@code logs --bench} ends with one line per variant, all
 * with the same counts; bad values are usage errors (exit 2) that print nothing on stdout; input
 * that cannot be read or is not a log is one line on stderr and exit 1, never a stack trace.
 */
@Timeout(60)
class LogsCommandTest {

    private static final Pattern VARIANT =
            Pattern.compile(
                    "stagehand logs variant=(\\w+) best s=([0-9.]+) keys=(\\d+) total=(\\d+)");

    @TempDir Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run logs(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new LogsCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Two files of log lines, every level, service and status class among them. */
    private List<Path> twoFiles() throws IOException {
        String[] levels = {"DEBUG", "INFO", "WARN", "ERROR"};
        String[] services = {"auth", "billing", "search"};
        List<Path> files = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 700 + f * 300; i++) {
                text.append("2026-12-02T04:00:")
                        .append(i % 60)
                        .append(' ')
                        .append(levels[(i * 7 + f) % levels.length])
                        .append(' ')
                        .append(services[i % services.length])
                        .append(" /api/v")
                        .append(i % 5)
                        .append(' ')
                        .append(i % 11 == 0 ? 503 : 200)
                        .append(' ')
                        .append(i % 97)
                        .append('\n');
            }
            Path file = dir.resolve("app-" + f + ".log");
            Files.writeString(file, text);
            files.add(file);
        }
        return files;
    }

    private static String[] args(List<Path> files, String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        files.forEach(file -> all.add(file.toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void printsTheLoopsCountsInKeyOrder() throws IOException {
        List<Path> files = twoFiles();

        Run run = logs(args(files));

        assertEquals(0, run.exit(), run.err());
        StringBuilder expected = new StringBuilder();
        new TreeMap<>(Logs.loop(files))
                .forEach(
                        (key, count) ->
                                expected.append(key).append('\t').append(count).append('\n'));
        assertTrue(expected.toString().contains("path=/api/v"), expected.toString());
        assertEquals(expected.toString(), run.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void benchEndsWithOneLinePerVariantAllWithTheLoopsCounts() throws IOException {
        List<Path> files = twoFiles();
        Map<String, Long> loop = Logs.loop(files);
        long total = loop.values().stream().mapToLong(Long::longValue).sum();

        Run run = logs(args(files, "--bench", "--rounds", "2", "--warm-up", "0"));

        assertEquals(0, run.exit(), run.err());
        List<String> variants = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            Matcher m = VARIANT.matcher(line);
            if (m.matches()) {
                variants.add(m.group(1));
                assertTrue(Double.parseDouble(m.group(2)) > 0, line);
                assertEquals(loop.size(), Integer.parseInt(m.group(3)), line);
                assertEquals(total, Long.parseLong(m.group(4)), line);
            }
        }
        assertEquals(List.of("defaults", "tuned", "loop", "parallel"), variants);
        assertEquals(
                2 * 4, run.out().lines().filter(l -> l.contains(" round ")).count(), run.out());
    }

    @Test
    void aMissingFileIsReportedAndTheRestAreCounted() throws IOException {
        List<Path> files = twoFiles();
        Path missing = dir.resolve("gone.log");
        List<Path> withMissing = List.of(files.get(0), missing, files.get(1));

        Run run = logs(args(withMissing));

        assertEquals(1, run.exit(), run.err());
        assertEquals("logs: " + missing + ": No such file or directory", run.err().strip());
        assertEquals(logs(args(files)).out(), run.out());
    }

    @Test
    void aLineThatIsNotALogLineIsOneLineAndExitOne() throws IOException {
        List<Path> files = twoFiles();
        Files.writeString(files.get(1), "2026-12-02T04:00:01 INFO auth /api oops 3\n", APPEND);

        for (String bench : List.of("", "--bench")) {
            Run run =
                    logs(
                            args(
                                    files,
                                    bench.isEmpty()
                                            ? new String[0]
                                            : new String[] {bench, "--rounds=1", "--warm-up=0"}));

            assertEquals(1, run.exit(), run.err());
            assertEquals(
                    "logs: not a log line: \"2026-12-02T04:00:01 INFO auth /api oops 3\" (expected"
                            + " TIMESTAMP LEVEL SERVICE PATH STATUS LATENCY)",
                    run.err().strip());
        }
    }

    @Test
    void aFileThatIsNotUtf8IsOneLineNamingItAndExitOne() throws IOException {
        List<Path> files = twoFiles();
        Files.write(files.get(0), new byte[] {'a', (byte) 0xff, '\n'}, APPEND);

        Run run = logs(args(files));

        assertEquals(1, run.exit(), run.err());
        assertEquals("logs: " + files.get(0) + ": not UTF-8 text", run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void aReadThatFailsIsOneLineNamingTheFileAndExitOne() {
        // a regular file that opens, but whose read at offset 0 fails with EIO, root or not
        assumeTrue(Files.isRegularFile(Path.of("/proc/self/mem")), "needs Linux /proc");

        Run run = logs("/proc/self/mem");

        assertEquals(1, run.exit(), run.err());
        assertEquals("logs: /proc/self/mem: Input/output error", run.err().strip());
        assertEquals("", run.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--rounds=0", "--warm-up=-1", "--warm-up=NaN", "--rounds=x"})
    void aBadValueIsAUsageError(String option) throws IOException {
        Run run = logs(args(twoFiles(), "--bench", option));

        assertEquals(2, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().contains("Usage:"), run.err());
    }
}
