package io.github.stagehand.example;

import static io.github.stagehand.example.LogshipFixtures.await;
import static io.github.stagehand.example.LogshipFixtures.count;
import static io.github.stagehand.example.LogshipFixtures.rejects;
import static io.github.stagehand.example.LogshipFixtures.requests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.Logship.Reject;
import io.github.stagehand.example.Logship.Request;
import io.github.stagehand.example.LogshipFixtures.Expected;
import io.github.stagehand.example.LogshipFixtures.Generated;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what {@link Process#destroy()} sends on Linux, and what Ctrl-C's SIGINT also does)
 * drains a logship process instead of killing it: the head stops reading, the rows held in
 * unfinished batches are committed, and the process exits 0. The linger here is an hour, so those
 * rows can only have been committed by the drain.
 */
@Timeout(120)
class LogshipSignalTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir Path dir;

    private Path db() {
        return dir.resolve("signal.db");
    }

    /** {@code java ... Main logship ARGS}, its output in files beside the database. */
    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED"); // as the jar's manifest allows it
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("logship");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectOutput(dir.resolve("stdout").toFile());
        builder.redirectError(dir.resolve("stderr").toFile());
        return builder.start();
    }

    private int terminate(Process process) throws Exception {
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running a minute after SIGTERM");
        return process.exitValue();
    }

    private String output(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    @Test
    void sigtermWhileFollowingStoresEveryLineReadAndExits0() throws Exception {
        Random random = new Random(31);
        Path log = dir.resolve("access.log");
        Expected expected =
                LogshipFixtures.append(
                        log, log.toString(), LogshipFixtures.lines(random, 250), "\n", 1);
        Process process =
                start(
                        "--follow",
                        "--db",
                        db().toString(),
                        "--batch",
                        "100",
                        "--linger",
                        "1h",
                        log.toString());
        try {
            // two full batches of requests committed: it is following
            await("the first batches", BOUND, () -> count(db(), "requests") >= 200);
            expected =
                    expected.plus(
                            LogshipFixtures.append(
                                    log,
                                    log.toString(),
                                    LogshipFixtures.lines(random, 30),
                                    "\n",
                                    251));
        } finally {
            assertEquals(0, terminate(process), () -> "stderr: " + stderr());
        }

        Expected sorted = expected.sorted();
        LogshipFixtures.assertRows(sorted, db());
        assertEquals("", output("stderr"));
        assertEquals(
                db()
                        + ": "
                        + sorted.requests().size()
                        + " requests, "
                        + sorted.rejects().size()
                        + " rejects",
                output("stdout").strip());
    }

    @Test
    void sigtermWhileLoadingStoresAWholePrefixOfTheLinesAndExits0() throws Exception {
        Random random = new Random(32);
        Path log = dir.resolve("large.log");
        List<Generated> lines = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            lines.add(LogshipFixtures.good(random));
        }
        Expected all = LogshipFixtures.write(log, log.toString(), lines);
        Process process =
                start("--db", db().toString(), "--batch", "100", "--linger", "1h", log.toString());
        try {
            await("the first batch", BOUND, () -> count(db(), "requests") > 0);
        } finally {
            assertEquals(0, terminate(process), () -> "stderr: " + stderr());
        }

        // lines 1 to k, each once, for some k: what was read was stored, and nothing else
        List<Request> stored = requests(db());
        LogshipFixtures.assertSame("requests", all.requests().subList(0, stored.size()), stored);
        assertEquals(List.<Reject>of(), rejects(db()));
        assertEquals(
                LongStream.rangeClosed(1, stored.size()).boxed().toList(),
                stored.stream().map(Request::line).toList());
        assertEquals("", output("stderr"));
    }

    private String stderr() {
        try (Stream<String> lines = Files.lines(dir.resolve("stderr"))) {
            return String.join("\n", lines.toList());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
