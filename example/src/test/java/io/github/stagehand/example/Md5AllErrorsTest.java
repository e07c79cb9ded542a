package io.github.stagehand.example;

import static io.github.stagehand.example.Md5AllFixtures.bash;
import static io.github.stagehand.example.Md5AllFixtures.coreutils;
import static io.github.stagehand.example.Md5AllFixtures.failingStdout;
import static io.github.stagehand.example.Md5AllFixtures.liveStageThreads;
import static io.github.stagehand.example.Md5AllFixtures.md5all;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stagehand.example.Md5All.Algorithm;
import io.github.stagehand.example.Md5All.Digest;
import io.github.stagehand.example.Md5All.FileError;
import io.github.stagehand.example.Md5All.RegularFile;
import io.github.stagehand.example.Md5AllFixtures.Result;
import io.github.stagehand.runtime.Done;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * md5all's error paths, made to fail deterministically. The tests run as root, and root reads any
 * file whatever its permissions, so none of them relies on chmod. They use instead:
 *
 * <ul>
 *   <li>a root that does not exist (ENOENT from lstat);
 *   <li>{@code /proc/self/mem}, a regular file that opens but whose read at offset 0 fails with EIO
 *       for every user, root included (the JVM maps nothing at address 0);
 *   <li>a directory nested deeper than PATH_MAX (4096 bytes), whose entries no absolute path can
 *       reach (ENAMETOOLONG), made with relative {@code cd}s;
 *   <li>a file deleted between the walk and its digest, by handing the digest stage a walk result
 *       whose file is gone: the race, without the timing.
 * </ul>
 */
@Timeout(120)
class Md5AllErrorsTest {
    private static final String MEM = "/proc/self/mem";

    @TempDir Path dir;
    private Path tree;

    @BeforeEach
    void makeTree() throws Exception {
        tree = dir.resolve("tree");
        bash(
                "mkdir -p \"$1/sub\" && cd \"$1\" && printf 'one\\n' > one && printf 'two\\n' > sub/two",
                tree.toString());
    }

    @AfterEach
    void removeDeepTree() throws Exception {
        // JUnit deletes by absolute path, which cannot reach below PATH_MAX; rm works relatively
        bash("rm -rf \"$1\"", dir.resolve("deep").toString());
    }

    @Test
    void missingRootIsReportedAndTheRestGoesOn() throws Exception {
        String missing = dir.resolve("missing").toString();

        Result run = md5all(tree.toString(), missing);

        assertEquals(1, run.exit());
        assertEquals("md5all: " + missing + ": No such file or directory\n", run.stderrText());
        assertArrayEquals(coreutils("md5sum", tree.toString()), run.stdout());
    }

    @Test
    void emptyRootIsMissingNotTheWorkingDirectory() {
        Result run = md5all("");

        assertEquals(1, run.exit());
        assertEquals("md5all: '': No such file or directory\n", run.stderrText());
        assertEquals("", run.stdoutText());
    }

    @Test
    void fileThatFailsToReadIsReportedAndTheRestGoesOn() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of(MEM)), "needs Linux /proc");

        Result run = md5all(MEM, tree.toString());

        assertEquals(1, run.exit());
        assertEquals("md5all: " + MEM + ": Input/output error\n", run.stderrText());
        assertArrayEquals(coreutils("md5sum", tree.toString()), run.stdout());
    }

    @Test
    void directoryBeyondPathMaxIsReportedAndTheRestGoesOn() throws Exception {
        Path deep = dir.resolve("deep");
        bash(
                """
                mkdir "$1" && cd "$1" && printf 'ok\\n' > ok
                name=$(printf 'd%.0s' $(seq 250))
                for i in $(seq 18); do mkdir "$name" && cd "$name"; done
                printf 'unreachable\\n' > file
                """,
                deep.toString());

        Result run = md5all(deep.toString());

        assertEquals(1, run.exit());
        assertArrayEquals(coreutils("md5sum", deep.resolve("ok").toString()), run.stdout());
        String stderr = run.stderrText();
        assertTrue(stderr.startsWith("md5all: " + deep + "/dddd"), stderr);
        assertTrue(stderr.endsWith(": File name too long\n"), stderr);
        assertEquals(1, stderr.lines().count(), stderr);
    }

    @Test
    void fileThatVanishedAfterTheWalkIsAResult() throws Exception {
        Path gone = tree.resolve("one");
        RegularFile walked =
                new RegularFile(gone, gone.toString().getBytes(StandardCharsets.UTF_8));
        Files.delete(gone);

        Digest digest = new Md5All(Algorithm.MD5, false).digest(walked, new Done());
        FileError error =
                assertThrows(
                        FileError.class,
                        () -> new Md5All(Algorithm.MD5, true).digest(walked, new Done()));

        assertEquals(new Digest(walked.name(), null, "No such file or directory", 0), digest);
        assertEquals(gone + ": No such file or directory", error.getMessage());
    }

    @Test
    void stageThreadsAreSeenWhileThePipelineRunsAndGoneAfterClose() throws Exception {
        // 32 batches of 64 files, 2 workers, unbuffered channels: every stage is blocked in a send
        Path many = manyFiles(2_000);
        List<String> running;

        try (var sums =
                Md5AllPipeline.builder(new Md5All(Algorithm.MD5, false))
                        .digestWorkers(2)
                        .walkBuffer(0)
                        .digestBuffer(0)
                        .start(List.of(many.toString()))) {
            assertEquals(64, sums.receive().size()); // the first batch; the rest is left unread
            running = liveStageThreads();
        } // early exit: close(done)

        assertTrue(running.contains("Md5AllPipeline.walk#0"), running::toString);
        assertTrue(running.contains("Md5AllPipeline.digest#1"), running::toString);
        assertEquals(List.of(), liveStageThreads());
    }

    @Test
    void failFastPrintsNothingExitsOneAndLeavesNoStageThread() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of(MEM)), "needs Linux /proc");
        Path many = manyFiles(2_000);

        Result run = md5all("--fail-fast", "--workers", "4", many.toString(), MEM);

        assertEquals(1, run.exit());
        assertEquals("", run.stdoutText());
        assertEquals("md5all: " + MEM + ": Input/output error\n", run.stderrText());
        assertEquals(List.of(), liveStageThreads());
    }

    @Test
    void failFastStopsAtAMissingRoot() throws Exception {
        String missing = tree.resolve("missing").toString();

        Result run = md5all("--fail-fast", tree.toString(), missing);

        assertEquals(1, run.exit());
        assertEquals("", run.stdoutText());
        assertEquals("md5all: " + missing + ": No such file or directory\n", run.stderrText());
        assertEquals(List.of(), liveStageThreads());
    }

    @Test
    void failFastFailsThePipelineWithTheFirstError() throws Exception {
        String missing = tree.resolve("missing").toString();
        List<Digest> received = new ArrayList<>();

        // the iteration ends by throwing, never as a complete stream; close() adds the error
        CompletionException thrown =
                assertThrows(
                        CompletionException.class,
                        () -> {
                            try (var sums =
                                    Md5AllPipeline.builder(new Md5All(Algorithm.MD5, true))
                                            .start(List.of(missing, tree.toString()))) {
                                sums.forEach(received::addAll);
                            }
                        });

        FileError error = assertInstanceOf(FileError.class, thrown.getCause());
        assertSame(error, thrown.getSuppressed()[0], "close() rethrows the error itself");
        assertEquals("No such file or directory", error.reason());
        assertArrayEquals(missing.getBytes(StandardCharsets.UTF_8), error.path());
        assertEquals(List.of(), liveStageThreads());
    }

    @Test
    void stdoutClosedEarlyCancelsThePipelineAndLeavesNoStageThread() throws Exception {
        Path many = manyFiles(2_000); // ~140 KB of lines: more than the 64 KiB output buffer
        Result run = md5all(failingStdout("Broken pipe"), many.toString());

        assertEquals(Md5AllCommand.BROKEN_PIPE, run.exit());
        assertEquals("", run.stderrText());
        assertEquals(List.of(), liveStageThreads());
    }

    @Test
    void stdoutThatCannotBeWrittenIsOneLineAndExitOne() throws Exception {
        Result run = md5all(failingStdout("No space left on device"), manyFiles(10).toString());

        assertEquals(1, run.exit());
        assertEquals("md5all: write error: No space left on device\n", run.stderrText());
        assertEquals(List.of(), liveStageThreads());
    }

    @ParameterizedTest(name = "md5all {0} exits 2 with usage")
    @ValueSource(
            strings = {
                "--workers 0 .",
                "--workers 1025 .",
                "--workers x .",
                "--algorithm md4 .",
                "--bogus .",
                ""
            })
    void badCommandLineExitsTwoWithUsage(String args) {
        Result run = md5all(args.isEmpty() ? new String[0] : args.split(" "));

        assertEquals(2, run.exit());
        assertTrue(run.stderrText().contains("Usage: md5all"), run.stderrText());
        assertEquals("", run.stdoutText());
    }

    @Test
    void goodRunExitsZeroWithNothingOnStderr() throws Exception {
        Result run = md5all("--no-progress", tree.toString());

        assertEquals(0, run.exit());
        assertEquals("", run.stderrText());
    }

    /** A directory of {@code count} small files. */
    private Path manyFiles(int count) throws Exception {
        Path many = Files.createDirectory(dir.resolve("many"));
        for (int i = 0; i < count; i++) {
            Files.createFile(many.resolve(String.format("file%05d", i)));
        }
        return many;
    }
}
