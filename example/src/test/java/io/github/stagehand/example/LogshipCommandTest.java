package io.github.stagehand.example;

import static io.github.stagehand.example.LogshipFixtures.logship;
import static io.github.stagehand.example.LogshipFixtures.rejects;
import static io.github.stagehand.example.LogshipFixtures.requests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.Logship.Reject;
import io.github.stagehand.example.Logship.Request;
import io.github.stagehand.example.LogshipFixtures.Expected;
import io.github.stagehand.example.LogshipFixtures.Generated;
import io.github.stagehand.example.LogshipFixtures.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code logship FILE...} without following: the rows of both tables are what the generator's
 * oracle says of every line, whatever the batch, the workers and the file names; a file that cannot
 * be read is one line on stderr and exit 1, the rest loaded; a bad command line is exit 2 and
 * touches no database; the plain loop of the benchmark stores the same rows.
 */
@Timeout(120)
class LogshipCommandTest {

    @TempDir Path dir;

    private Path db() {
        return dir.resolve("out.db");
    }

    /** Three files of generated lines, one with CRLF ends and one whose last line has no end. */
    private Expected threeFiles(long seed, int lines) throws IOException {
        Random random = new Random(seed);
        Expected expected =
                LogshipFixtures.write(
                        dir.resolve("a.log"), "a.log", LogshipFixtures.lines(random, lines));
        expected =
                expected.plus(
                        LogshipFixtures.append(
                                dir.resolve("b.log"),
                                "b.log",
                                LogshipFixtures.lines(random, lines / 2),
                                "\r\n",
                                1));
        List<Generated> last = LogshipFixtures.lines(random, lines / 3);
        expected =
                expected.plus(LogshipFixtures.append(dir.resolve("c.log"), "c.log", last, "\n", 1));
        // c.log's last line without its \n: still a line
        Path c = dir.resolve("c.log");
        byte[] bytes = Files.readAllBytes(c);
        Files.write(c, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        return expected.sorted();
    }

    private String[] args(String... more) {
        List<String> args = new ArrayList<>(List.of("--db", db().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 500, 100_000})
    void theRowsAreTheOraclesWhateverTheBatch(int batch) throws Exception {
        Expected expected = named(threeFiles(batch, 3000));

        Run run =
                logship(
                        args(
                                "--batch",
                                String.valueOf(batch),
                                file("a.log"),
                                file("b.log"),
                                file("c.log")));

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        // the log was copied into the file and removed as the run closed the database
        assertFalse(Files.exists(Path.of(db() + "-wal")), "the write-ahead log is left");
        LogshipFixtures.assertRows(expected, db());
        assertEquals(
                db()
                        + ": "
                        + expected.requests().size()
                        + " requests, "
                        + expected.rejects().size()
                        + " rejects",
                run.out().strip());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void anyNumberOfParseWorkersStoresTheSameRows(int workers) throws Exception {
        Expected expected = named(threeFiles(40 + workers, 2000));

        Run run =
                logship(
                        args(
                                "--workers",
                                String.valueOf(workers),
                                file("a.log"),
                                file("b.log"),
                                file("c.log")));

        assertEquals(0, run.exit(), run.err());
        LogshipFixtures.assertRows(expected, db());
    }

    @Test
    void thePlainLoopOfTheBenchmarkStoresTheSameRows() throws Exception {
        Expected expected = named(threeFiles(3, 3000));

        Run run = logship(args("--loop", file("a.log"), file("b.log"), file("c.log")));

        assertEquals(0, run.exit(), run.err());
        LogshipFixtures.assertRows(expected, db());
    }

    @Test
    void awkwardNamesAreStoredAsGiven() throws Exception {
        Random random = new Random(5);
        List<String> names =
                List.of(
                        "with space.log",
                        "zoë 日本.log",
                        "it's \"quoted\".log",
                        "-dash.log",
                        "back\\slash.log");
        Expected expected = new Expected(List.of(), List.of());
        List<String> args = new ArrayList<>(List.of("--db", dir.resolve("a b é.db").toString()));
        args.add("--");
        for (String name : names) {
            Path file = Files.createDirectories(dir.resolve("dir with space")).resolve(name);
            expected =
                    expected.plus(
                            LogshipFixtures.write(
                                    file, file.toString(), LogshipFixtures.lines(random, 300)));
            args.add(file.toString());
        }
        expected = expected.sorted();

        Run run = logship(args.toArray(String[]::new));

        assertEquals(0, run.exit(), run.err());
        LogshipFixtures.assertRows(expected, dir.resolve("a b é.db"));
    }

    @Test
    void aFileThatCannotBeReadIsOneLineAndTheRestIsLoaded() throws Exception {
        Expected expected = named(threeFiles(9, 500));
        Path missing = dir.resolve("missing.log");
        Path directory = Files.createDirectories(dir.resolve("a directory"));

        Run run =
                logship(
                        args(
                                file("a.log"),
                                missing.toString(),
                                file("b.log"),
                                directory.toString(),
                                file("c.log")));

        assertEquals(1, run.exit());
        assertEquals(
                "logship: "
                        + missing
                        + ": No such file or directory\n"
                        + "logship: "
                        + directory
                        + ": Is a directory\n",
                run.err().replace(System.lineSeparator(), "\n"));
        LogshipFixtures.assertRows(expected, db());
    }

    @Test
    void aSecondRunAppendsToTheTables() throws Exception {
        Expected expected = named(threeFiles(10, 400));

        Run first = logship(args(file("a.log"), file("b.log")));
        Run second = logship(args(file("c.log")));

        assertEquals(0, first.exit(), first.err());
        assertEquals(0, second.exit(), second.err());
        LogshipFixtures.assertRows(expected, db());
    }

    @Test
    void aFileThatIsNoDatabaseIsOneLine() throws Exception {
        threeFiles(12, 10);
        Files.writeString(db(), "this is not a database, but it is long enough to be read as one");

        Run run = logship(args(file("a.log")));

        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("logship: " + db() + ": "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--batch 0",
                "--batch -1",
                "--batch x",
                "--batch 1000001",
                "--linger 1x",
                "--linger 0s",
                "--linger 1.5s",
                "--linger s",
                "--linger 1 s",
                "--linger 10000000000000000h",
                "--workers 0",
                "--workers 1025",
                "--loop --follow",
                "--no-such-option",
                ""
            })
    void aBadCommandLineIsUsageAndExit2(String options) throws Exception {
        threeFiles(13, 10);
        List<String> args = new ArrayList<>(List.of("--db", db().toString()));
        if (!options.isEmpty()) {
            args.addAll(List.of(options.split(" ")));
        }
        if (!options.isEmpty()) {
            args.add(file("a.log"));
        }

        Run run = logship(args.toArray(String[]::new));

        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("Usage: logship"), run.err());
        assertEquals("", run.out());
        assertFalse(Files.exists(db()), "a bad command line made the database");
    }

    @Test
    void lingerTakesEachUnitOfTheAnnotations() {
        var converter = new LogshipCommand.DurationConverter();
        assertEquals(Duration.ofNanos(7), converter.convert("7ns"));
        assertEquals(Duration.ofNanos(7_000), converter.convert("7us"));
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(1), converter.convert("1s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofHours(3), converter.convert("3h"));
    }

    @Test
    void statsPrintsEachStageOnStderr() throws Exception {
        Expected expected = named(threeFiles(14, 1000));

        Run run = logship(args("--stats", file("a.log"), file("b.log"), file("c.log")));

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().startsWith("LogshipPipeline, "), run.err());
        for (String stage : List.of("read", "parse", "storeRequests", "storeRejects")) {
            assertTrue(run.err().contains("\n" + stage + " "), run.err());
        }
        long lines =
                expected.requests().size()
                        + expected.rejects().size(); // every line passed through parse
        assertTrue(
                run.err()
                        .lines()
                        .anyMatch(l -> l.startsWith("parse ") && l.contains(" " + lines + " ")),
                run.err());
        LogshipFixtures.assertSame("requests", expected.requests(), requests(db()));
    }

    @Test
    void aStopWhileLoadingStoresAWholePrefixOfTheLines() throws Exception {
        // a long file, and a stop once the first batch is in: the head stops at the end of the
        // chunk it reads, what it read is stored, and the line cut by the chunk's end is no line
        Random random = new Random(15);
        List<Generated> lines = new ArrayList<>();
        while (lines.size() < 200_000) {
            lines.add(LogshipFixtures.good(random));
        }
        Expected all = LogshipFixtures.write(dir.resolve("long.log"), file("long.log"), lines);
        LogshipDrain drain = new LogshipDrain();
        var running =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () ->
                                LogshipFixtures.logship(
                                        drain,
                                        args(
                                                "--batch",
                                                "100",
                                                "--linger",
                                                "1h",
                                                file("long.log"))));
        LogshipFixtures.await(
                "the first batch",
                Duration.ofSeconds(30),
                () -> LogshipFixtures.count(db(), "requests") > 0);
        drain.stop();
        Run run = running.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals(0, run.exit(), run.err());
        List<Request> stored = requests(db());
        LogshipFixtures.assertSame("requests", all.requests().subList(0, stored.size()), stored);
        assertEquals(List.<Reject>of(), rejects(db()));
        assertEquals(
                LongStream.rangeClosed(1, stored.size()).boxed().toList(),
                stored.stream().map(Request::line).toList());
    }

    @Test
    void aStopBeforeTheRunReadsNothing() throws Exception {
        threeFiles(16, 100);
        LogshipDrain drain = new LogshipDrain();
        drain.stop();

        Run run = LogshipFixtures.logship(drain, args(file("a.log"), file("b.log")));

        assertEquals(0, run.exit(), run.err());
        assertEquals(db() + ": 0 requests, 0 rejects", run.out().strip());
        assertEquals(0, LogshipFixtures.count(db(), "requests"));
        assertEquals(0, LogshipFixtures.count(db(), "rejects"));
    }

    /** {@code name} in the directory, as the command line names it. */
    private String file(String name) {
        return dir.resolve(name).toString();
    }

    /** The rows renamed after the files' paths in the directory, as the command line gives them. */
    private Expected named(Expected expected) {
        List<Request> requests = new ArrayList<>();
        for (Request r : expected.requests()) {
            requests.add(rename(r, file(r.file())));
        }
        List<Reject> rejects = new ArrayList<>();
        for (Reject r : expected.rejects()) {
            rejects.add(new Reject(file(r.file()), r.line(), r.reason(), r.text()));
        }
        return new Expected(requests, rejects).sorted();
    }

    static Request rename(Request r, String file) {
        return new Request(
                file,
                r.line(),
                r.remoteHost(),
                r.ident(),
                r.user(),
                r.time(),
                r.utcOffset(),
                r.method(),
                r.path(),
                r.protocol(),
                r.status(),
                r.bytes(),
                r.referer(),
                r.userAgent());
    }
}
