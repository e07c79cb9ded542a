package io.github.stagehand.example;

import static io.github.stagehand.example.Md5AllCommandTest.assertBytes;
import static io.github.stagehand.example.Md5AllFixtures.bash;
import static io.github.stagehand.example.Md5AllFixtures.failingStdout;
import static io.github.stagehand.example.TreeStatsFixtures.liveStageThreads;
import static io.github.stagehand.example.TreeStatsFixtures.sections;
import static io.github.stagehand.example.TreeStatsFixtures.treestats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.stagehand.example.Md5AllFixtures.Result;
import io.github.stagehand.runtime.Done;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * treestats when things go wrong: a bad command line, paths that cannot be read, a run cancelled in
 * the middle of its digests, a closed stdout. Root reads any file whatever its mode, so the test
 * that relies on chmod is skipped as root; the others fail for every user: a missing root, a
 * directory nested beyond PATH_MAX (4096 bytes, which no absolute path reaches).
 */
@Timeout(120)
class TreeStatsErrorsTest {

    @TempDir Path dir;
    private Path tree;

    @BeforeEach
    void makeTree() throws Exception {
        tree = dir.resolve("tree");
        bash(
                "mkdir -p \"$1/sub\" && cd \"$1\" && printf 'same\\n' > one"
                        + " && printf 'same\\n' > sub/two && printf 'other\\n' > three",
                tree.toString());
    }

    @AfterEach
    void restoreAndRemove() throws Exception {
        // chmod'ed entries are given back their modes; rm reaches below PATH_MAX, JUnit does not
        bash("chmod -R u+rwx \"$1\" 2>/dev/null; rm -rf \"$1\"", dir.toString());
    }

    @ParameterizedTest(name = "treestats {0}: {1}, usage, exit 2")
    @CsvSource(
            value = {
                "|Missing required parameter: 'DIR'",
                "--largest -1 .|--largest must not be negative but was -1",
                "--largest x .|Invalid value for option '--largest': 'x' is not an int",
                "--workers 0 .|--workers must be from 1 to 1024 but was 0",
                "--workers 1025 .|--workers must be from 1 to 1024 but was 1025",
                "--bogus .|Unknown option: '--bogus'"
            },
            delimiter = '|')
    void badCommandLineSaysWhyPrintsUsageAndNothingOnStdout(String args, String why) {
        Result run = treestats(args == null ? new String[0] : args.split(" "));

        String stderr = run.stderrText();
        assertEquals(2, run.exit(), stderr);
        assertEquals(why, stderr.lines().findFirst().orElse(""), stderr);
        assertTrue(stderr.contains("\nUsage: treestats [-hV] [--largest=N]"), stderr);
        assertEquals(0, run.stdout().length);
    }

    @Test
    void missingRootIsReportedAndTheRestGoesOn() {
        String missing = dir.resolve("missing").toString();

        Result run = treestats(tree.toString(), missing, "");

        assertEquals(1, run.exit());
        assertEquals(
                "treestats: '': No such file or directory\n"
                        + "treestats: "
                        + missing
                        + ": No such file or directory\n",
                run.stderrText());
        assertBytes(treestats(tree.toString()).stdout(), run.stdout());
    }

    @Test
    void unreadableFileAndDirectoryAreReportedAndTheRestGoesOn() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads mode 000 files");
        Path locked = Files.createDirectory(tree.resolve("locked"));
        Files.writeString(locked.resolve("hidden"), "same\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(
                tree.resolve("sub/two"), PosixFilePermissions.fromString("---------"));
        // three's size is its own: it is never opened, so its mode gives no error
        Files.setPosixFilePermissions(
                tree.resolve("three"), PosixFilePermissions.fromString("---------"));

        Result run = treestats(tree.toString());

        assertEquals(1, run.exit());
        assertEquals(
                "treestats: "
                        + locked
                        + ": Permission denied\n"
                        + "treestats: "
                        + tree
                        + "/sub/two: Permission denied\n",
                run.stderrText());
        // two's size is still counted; one has no readable copy left
        assertTrue(
                sections(run.stdout()).get("by").get(0).startsWith("== by extension: 3 files"),
                run.stdoutText());
        assertEquals(
                List.of("== duplicates: 0 sets, 0 extra copies, 0 bytes in extra copies"),
                sections(run.stdout()).get("duplicates"));
    }

    @Test
    void directoryBeyondPathMaxIsReportedAndTheRestGoesOn() throws Exception {
        // 17 names of 250 bytes reach beyond 4096 bytes; the entry there cannot be lstat'ed
        bash(
                """
                cd "$1" && d=$(printf 'd%.0s' $(seq 250))
                for i in $(seq 17); do mkdir "$d" && cd "$d"; done
                mkdir "$d" && printf 'same\\n' > "$d/lost"
                """,
                tree.toString());

        Result run = treestats(tree.toString());

        assertEquals(1, run.exit());
        String stderr = run.stderrText();
        assertEquals(1, stderr.lines().count(), stderr);
        assertTrue(stderr.startsWith("treestats: " + tree + "/ddd"), stderr);
        assertTrue(stderr.endsWith(": File name too long\n"), stderr);
        assertTrue(
                sections(run.stdout()).get("duplicates").get(0).startsWith("== duplicates: 1 set"),
                run.stdoutText());
    }

    @Test
    void cancellingARunInItsDigestsLeavesNoStageThread() throws Exception {
        // two sparse files of one size: hashing 4 GiB of zeros each takes seconds
        bash("truncate -s 4G \"$1/big1\" \"$1/big2\"", tree.toString());
        Done parent = new Done();
        CompletableFuture<TreeStatsPipeline.Result> running =
                CompletableFuture.supplyAsync(
                        () ->
                                TreeStatsPipeline.builder(new TreeStats(20))
                                        .parent(parent)
                                        .run(List.of(tree.toString())),
                        command -> Thread.ofVirtual().start(command));
        // every stage thread starts at once; once the walk and sameSize have ended, both files
        // are with the digest workers (the idle ones may not be seen to end: two workers hashing
        // hold both carriers)
        List<String> seen = liveStageThreads();
        while (!digesting(seen) && !running.isDone()) {
            Thread.sleep(10);
            seen = liveStageThreads();
        }

        parent.close();

        Throwable thrown = running.handle((result, failure) -> failure).join();
        assertInstanceOf(CancellationException.class, thrown.getCause(), thrown.toString());
        assertTrue(digesting(seen), seen::toString);
        assertEquals(List.of(), liveStageThreads());
    }

    @Test
    void closedStdoutExits141AndLeavesNoStageThread() throws Exception {
        OutputStream closedPipe =
                new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("Broken pipe");
                    }
                };
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exit =
                new picocli.CommandLine(new TreeStatsCommand(closedPipe, stderr))
                        .execute(tree.toString());

        assertEquals(Md5AllCommand.BROKEN_PIPE, exit);
        assertEquals(0, stderr.size());
        assertEquals(List.of(), liveStageThreads());
    }

    @Test
    void stdoutThatCannotBeWrittenIsOneLineAndExitOne() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exit =
                new picocli.CommandLine(
                                new TreeStatsCommand(
                                        failingStdout("No space left on device"), stderr))
                        .execute(tree.toString());

        assertEquals(1, exit);
        assertEquals(
                "treestats: write error: No space left on device\n",
                stderr.toString(StandardCharsets.UTF_8));
    }

    /** Whether digest workers are alive, and the walk and sameSize have ended. */
    private static boolean digesting(List<String> threads) {
        return threads.stream().anyMatch(t -> t.startsWith("TreeStatsPipeline.digest#"))
                && !threads.contains("TreeStatsPipeline.walk#0")
                && !threads.contains("TreeStatsPipeline.sameSize#0");
    }
}
