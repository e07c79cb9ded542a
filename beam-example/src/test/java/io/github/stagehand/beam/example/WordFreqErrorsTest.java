package io.github.stagehand.beam.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * wordfreq's expected failures are one line on stderr and exit status 1, never a stack trace: no
 * cluster at {@code --flink-master}, a read that fails, a directory the walk cannot read, no
 * scratch directory, stdout that cannot be written. The tests run as root, which reads any file
 * whatever its permissions, so none relies on chmod: a read fails on {@code /proc/self/mem} (EIO at
 * offset 0 for every user), a directory on a path longer than PATH_MAX (ENAMETOOLONG).
 */
@Timeout(120)
class WordFreqErrorsTest {
    private static final String MEM = "/proc/self/mem";

    @TempDir Path dir;
    private Path text;

    private record Run(int exit, String out, String err) {}

    private static Run wordfreq(String... args) {
        return wordfreq(new ByteArrayOutputStream(), args);
    }

    private static Run wordfreq(OutputStream stdout, String... args) {
        StringWriter err = new StringWriter();
        int exit = WordFreqCommand.run(args, stdout, new PrintWriter(err, true));
        String out =
                stdout instanceof ByteArrayOutputStream b ? b.toString(StandardCharsets.UTF_8) : "";
        return new Run(exit, out, err.toString());
    }

    @BeforeEach
    void makeText() throws IOException {
        text = Files.writeString(dir.resolve("text.txt"), "Go go stage\n");
    }

    @AfterEach
    void removeDeepTree() throws Exception {
        // JUnit deletes by absolute path, which cannot reach below PATH_MAX; rm works relatively
        bash("rm -rf \"$1\"", dir.resolve("deep").toString());
    }

    /** A local TCP port that nothing listens on: one the kernel just handed out and took back. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void noClusterSaysWhereItLookedAndHowToStartOne() throws Exception {
        int port = closedPort();
        String master = "127.0.0.1:" + port;

        Run run = wordfreq("--engine", "cluster", "--flink-master", master, text.toString());

        assertEquals(1, run.exit(), run.err());
        assertEquals(
                "wordfreq: no Flink cluster at "
                        + master
                        + " (Connection refused); start one with FLINK_REST_PORT="
                        + port
                        + " bin/flink-cluster start, or name a running one with --flink-master"
                        + " HOST:PORT",
                run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void noClusterAtTheDefaultAddressNamesTheStartScriptAlone() {
        assumeTrue(nothingListensOn(WordFreqCommand.DEFAULT_REST_PORT), "a cluster is running");

        Run run = wordfreq("--engine", "cluster", text.toString());

        assertEquals(1, run.exit(), run.err());
        assertEquals(
                "wordfreq: no Flink cluster at 127.0.0.1:8081 (Connection refused); start one with"
                        + " bin/flink-cluster start, or name a running one with --flink-master"
                        + " HOST:PORT",
                run.err().strip());
    }

    private static boolean nothingListensOn(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @ParameterizedTest(name = "--flink-master={0}")
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:x", ":8081"})
    void aMasterThatIsNotHostColonPortIsAUsageError(String master) {
        Run run = wordfreq("--engine", "cluster", "--flink-master", master, text.toString());

        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith("--flink-master must be HOST:PORT"), run.err());
        assertTrue(run.err().contains("Usage: wordfreq"), run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest(name = "--engine {0}")
    @ValueSource(strings = {"local", "direct"})
    void aReadThatFailsIsOneLineNamingTheFile(String engine) {
        assumeTrue(Files.isRegularFile(Path.of(MEM)), "needs Linux /proc");

        Run run = wordfreq("--engine", engine, text.toString(), MEM);

        assertEquals(1, run.exit(), run.err());
        assertEquals("wordfreq: " + MEM + ": Input/output error", run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void aDirectoryTheWalkCannotReadIsReportedAndTheRestCounted() throws Exception {
        Path deep = dir.resolve("deep");
        bash(
                """
                mkdir "$1" && cd "$1" && printf 'ok ok\\n' > ok.txt
                name=$(printf 'd%.0s' $(seq 250))
                for i in $(seq 18); do mkdir "$name" && cd "$name"; done
                printf 'unreachable\\n' > file
                """,
                deep.toString());

        Run run = wordfreq(deep.toString());

        assertEquals(1, run.exit(), run.err());
        assertEquals("2\tok\n", run.out());
        String err = run.err().strip();
        assertTrue(err.startsWith("wordfreq: " + deep + "/dddd"), err);
        assertTrue(err.endsWith(": File name too long"), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void noScratchDirectoryIsOneLine() throws Exception {
        // java.io.tmpdir is read once per JVM, so this one runs in a JVM of its own
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Djava.io.tmpdir=" + dir.resolve("missing"),
                                "-cp",
                                System.getProperty("java.class.path"),
                                WordFreqCommand.class.getName(),
                                "--engine",
                                "direct",
                                text.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(1, process.waitFor(), output);
        // the JVM warns first that java.io.tmpdir does not exist: wordfreq's own line comes last
        List<String> lines = output.lines().toList();
        assertEquals(
                "wordfreq: cannot make a scratch directory in "
                        + dir.resolve("missing")
                        + ": No such file or directory",
                lines.get(lines.size() - 1));
        assertFalse(output.contains("\tat "), output);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"No space left on device", "Broken pipe"})
    void stdoutThatCannotBeWrittenEndsAsCoreutilsEnds(String reason) {
        Run run = wordfreq(failing(reason), text.toString());

        if (reason.equals("Broken pipe")) {
            assertEquals(Stdout.BROKEN_PIPE, run.exit(), run.err());
            assertEquals("", run.err());
        } else {
            assertEquals(1, run.exit(), run.err());
            assertEquals("wordfreq: write error: " + reason, run.err().strip());
        }
    }

    @Test
    void aGoodRunPrintsItsCountsAndNothingElse() {
        Run run = wordfreq(text.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals("2\tgo\n1\tstage\n", run.out());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals("", run.err());
    }

    /** Standard output whose every write fails with {@code reason}, as the JDK words errno. */
    private static OutputStream failing(String reason) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(reason);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException(reason);
            }
        };
    }

    private static void bash(String script, String arg) throws Exception {
        Process p =
                new ProcessBuilder("bash", "-c", script, "bash", arg)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }
}
