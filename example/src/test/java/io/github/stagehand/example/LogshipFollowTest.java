package io.github.stagehand.example;

import static io.github.stagehand.example.LogshipFixtures.await;
import static io.github.stagehand.example.LogshipFixtures.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.stagehand.example.LogshipFixtures.Expected;
import io.github.stagehand.example.LogshipFixtures.Generated;
import io.github.stagehand.example.LogshipFixtures.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logship --follow}: lines appended are stored within the linger (the batch never fills
 * here), a line is stored once its end is written and not before, a rotated file is read to its end
 * and its successor from its start, a truncated file from its start, a file that appears later from
 * its start; and a stop ends the run with every line read stored and exit 0. Every wait is a
 * generous bound on what must happen, never a measurement.
 */
@Timeout(120)
class LogshipFollowTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir Path dir;

    private final Random random = new Random(8);
    private final LogshipDrain drain = new LogshipDrain();
    private CompletableFuture<Run> running;

    private Path db() {
        return dir.resolve("follow.db");
    }

    /** Starts {@code logship --follow FILES} on a thread of its own. */
    private void follow(String... files) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--follow",
                                "--db",
                                db().toString(),
                                "--batch",
                                "100000",
                                "--linger",
                                "100ms"));
        args.addAll(List.of(files));
        running =
                CompletableFuture.supplyAsync(
                        () -> LogshipFixtures.logship(drain, args.toArray(String[]::new)),
                        task -> Thread.ofPlatform().name("logship-follow").start(task));
    }

    /** Stops the run as Ctrl-C does, and waits for it. */
    private Run stop() throws Exception {
        drain.stop();
        return running.get(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopped() throws Exception {
        if (running != null) {
            stop();
        }
    }

    private long rows() {
        return Math.max(0, count(db(), "requests")) + Math.max(0, count(db(), "rejects"));
    }

    private void awaitRows(long rows) throws InterruptedException {
        await(rows + " rows in the database", BOUND, () -> rows() == rows);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private Expected append(String name, int lines, long first) throws IOException {
        return LogshipFixtures.append(
                dir.resolve(name), file(name), LogshipFixtures.lines(random, lines), "\n", first);
    }

    private void assertRows(Expected expected) throws Exception {
        LogshipFixtures.assertRows(expected, db());
    }

    @Test
    void linesAppendedAreStoredWithinTheLinger() throws Exception {
        Expected expected = append("a.log", 50, 1);
        follow(file("a.log"));
        awaitRows(50);

        expected = expected.plus(append("a.log", 10, 51));
        awaitRows(60);
        expected = expected.plus(append("a.log", 1, 61));
        awaitRows(61);
        Run run = stop();

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals(
                db()
                        + ": "
                        + expected.requests().size()
                        + " requests, "
                        + expected.rejects().size()
                        + " rejects",
                run.out().strip());
        assertRows(expected);
    }

    @Test
    void committedRowsReachTheDatabaseFileItselfWhileFollowing() throws Exception {
        Expected expected = append("a.log", 40, 1);
        follow(file("a.log"));
        awaitRows(40);

        // the checkpoint stage copies the log into the file once the sinks pause: a copy of the
        // file alone, without the log, holds the rows
        Path copy = dir.resolve("copy.db");
        await(
                "the rows in the database file",
                BOUND,
                () -> {
                    try {
                        Files.copy(db(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return count(copy, "requests") == expected.requests().size();
                });
        Run run = stop();

        assertEquals(0, run.exit(), run.err());
        assertRows(expected);
    }

    @Test
    void aLineIsStoredOnceItsEndIsWritten() throws Exception {
        Expected expected = append("marker.log", 1, 1);
        Files.createFile(dir.resolve("a.log"));
        follow(file("a.log"), file("marker.log"));
        awaitRows(1);
        Generated line = LogshipFixtures.good(random);
        int half = line.text().length() / 2;

        write("a.log", line.text().substring(0, half)); // no end yet
        // two more marker lines, each awaited: a.log has been polled since its half was written
        expected = expected.plus(append("marker.log", 1, 2));
        awaitRows(2);
        expected = expected.plus(append("marker.log", 1, 3));
        awaitRows(3);
        write("a.log", line.text().substring(half) + "\n");
        awaitRows(4);
        Run run = stop();

        assertEquals(0, run.exit(), run.err());
        // one request, not two rejects made of its halves
        assertRows(expected.plus(new Expected(List.of(line.at(file("a.log"), 1)), List.of())));
    }

    @Test
    void aRotatedFileIsReadToItsEndAndItsSuccessorFromItsStart() throws Exception {
        Expected expected = append("a.log", 20, 1);
        follow(file("a.log"));
        awaitRows(20);

        // logrotate: the file renamed, the server still writing to it, then a new file
        Files.move(dir.resolve("a.log"), dir.resolve("a.log.1"));
        Expected late =
                LogshipFixtures.append(
                        dir.resolve("a.log.1"),
                        file("a.log"),
                        LogshipFixtures.lines(random, 5),
                        "\n",
                        21);
        expected = expected.plus(late).plus(append("a.log", 7, 1));
        awaitRows(32);
        expected = expected.plus(append("a.log", 3, 8));
        awaitRows(35);
        Run run = stop();

        assertEquals(0, run.exit(), run.err());
        assertRows(expected);
    }

    @Test
    void aTruncatedFileIsReadAgainFromItsStart() throws Exception {
        Expected expected = append("a.log", 30, 1);
        follow(file("a.log"));
        awaitRows(30);

        Files.write(dir.resolve("a.log"), new byte[0]); // truncated in place: the same file
        expected = expected.plus(append("a.log", 3, 1));
        awaitRows(33);
        Run run = stop();

        assertEquals(0, run.exit(), run.err());
        assertRows(expected);
    }

    @Test
    void aFileThatAppearsLaterIsReadFromItsStart() throws Exception {
        Expected expected = append("a.log", 5, 1);
        follow(file("a.log"), file("later.log"));
        awaitRows(5);

        expected = expected.plus(append("later.log", 8, 1));
        awaitRows(13);
        Run run = stop();

        assertEquals(1, run.exit(), "a file was missing: " + run.err());
        assertEquals(
                "logship: " + file("later.log") + ": No such file or directory", run.err().strip());
        assertRows(expected);
    }

    @Test
    void manyFilesGrowingAtOnceLoseAndDoubleNothing() throws Exception {
        List<String> names = List.of("x.log", "y.log", "z.log");
        Expected expected = new Expected(List.of(), List.of());
        long[] next = {1, 1, 1};
        for (String name : names) {
            Files.createFile(dir.resolve(name));
        }
        follow(names.stream().map(this::file).toArray(String[]::new));
        long total = 0;
        for (int round = 0; round < 20; round++) {
            for (int f = 0; f < names.size(); f++) {
                int lines = random.nextInt(40);
                expected = expected.plus(append(names.get(f), lines, next[f]));
                next[f] += lines;
                total += lines;
            }
            if (round % 5 == 4) {
                awaitRows(total);
            }
        }
        awaitRows(total);
        Run run = stop();

        assertEquals(0, run.exit(), run.err());
        assertRows(expected);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(
                dir.resolve(name), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
