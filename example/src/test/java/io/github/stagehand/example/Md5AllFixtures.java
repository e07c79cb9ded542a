package io.github.stagehand.example;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * What the md5all tests share: a tree of awkward names, coreutils' own output for it, running the
 * command in this JVM or in a new one, and a look at which stage threads are still alive.
 */
final class Md5AllFixtures {
    private Md5AllFixtures() {}

    /**
     * Names that trip up tools: made by bash from escapes, so that the bytes do not depend on this
     * JVM's locale. Regular files: spaces, a backslash, a newline, both, a tab, a carriage return,
     * Unicode, invalid UTF-8, a leading '-', glob characters, a single quote, an empty file, a 3
     * MiB file, nested directories, and neighbours whose order depends on '/' sorting as a
     * directory's last byte. Not regular: links to a file and a directory, a dangling link, a FIFO
     * (opening it would block: the test would time out) and a socket.
     */
    private static final String AWKWARD_TREE =
            """
            set -e
            mkdir "$1" && cd "$1"
            printf 'plain\\n' > plain.txt
            printf 'space\\n' > 'with space'
            printf 'backslash\\n' > 'back\\slash'
            printf 'newline\\n' > "$(printf 'new\\nline')"
            printf 'both\\n' > "$(printf 'both\\\\and\\nnewline')"
            printf 'tab\\n' > "$(printf 'tab\\tname')"
            printf 'cr\\n' > "$(printf 'carriage\\rreturn')"
            printf 'unicode\\n' > "$(printf 'unicod\\303\\251 \\342\\230\\203')"
            printf 'latin1\\n' > "$(printf 'bad\\377name')"
            printf 'dash\\n' > ./-leading-dash
            printf 'glob\\n' > '*glob?[x]{a,b}'
            printf 'quote\\n' > "quote'name"
            : > empty
            head -c 3145728 /dev/urandom > big.bin
            mkdir -p a/b 'dir with space/inner'
            printf 'x\\n' > a/x
            printf 'y\\n' > a/b/y
            printf '1\\n' > a-b
            printf '2\\n' > a.b
            printf '3\\n' > a0
            printf '4\\n' > 'a!'
            printf 'n\\n' > 'dir with space/inner/nested.txt'
            ln -s plain.txt link-to-file
            ln -s a link-to-dir
            ln -s nowhere dangling
            mkfifo fifo
            """;

    /** Makes the awkward tree at {@code root} (which must not exist) and returns it. */
    static Path awkwardTree(Path root) throws IOException, InterruptedException {
        bash(AWKWARD_TREE, root.toString());
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(root.resolve("socket")));
        }
        return root;
    }

    /**
     * What coreutils prints for the regular files under {@code roots}: {@code find ROOTS -type f
     * -print0 | LC_ALL=C sort -z | xargs -0 TOOL}.
     */
    static byte[] coreutils(String tool, String... roots) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(tool));
        args.addAll(List.of(roots));
        return bash(
                        "tool=$1; shift; find \"$@\" -type f -print0 | LC_ALL=C sort -z"
                                + " | xargs -0 -r \"$tool\" --",
                        args.toArray(String[]::new))
                .stdout();
    }

    /** Runs a bash script with arguments {@code $1...}; fails unless it exits 0. */
    static Result bash(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C.UTF-8");
        Result result = exec(builder);
        if (result.exit() != 0) {
            throw new IOException("bash failed (" + result.exit() + "): " + result.stderrText());
        }
        return result;
    }

    /** Starts {@code builder}'s process and collects what it writes. */
    static Result exec(ProcessBuilder builder) throws IOException, InterruptedException {
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread drain =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        process.getErrorStream().transferTo(stderr);
                                    } catch (IOException e) {
                                        // the process is gone
                                    }
                                });
        byte[] stdout = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        drain.join();
        return new Result(exit, stdout, stderr.toByteArray());
    }

    /** Runs {@code md5all ARGS} in this JVM, on stderr that is not a terminal. */
    static Result md5all(String... args) {
        return md5all(new ByteArrayOutputStream(), args);
    }

    /** Runs {@code md5all ARGS} in this JVM, writing its stdout to {@code stdout}. */
    static Result md5all(OutputStream stdout, String... args) {
        return md5all(stdout, false, false, args);
    }

    /**
     * Runs {@code md5all ARGS} in this JVM, writing its stdout to {@code stdout}, as if stdout and
     * stderr were terminals or not.
     */
    static Result md5all(
            OutputStream stdout, boolean stdoutTerminal, boolean stderrTerminal, String... args) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        CommandLine command =
                new CommandLine(new Md5AllCommand(stdout, stderr, stdoutTerminal, stderrTerminal));
        command.setErr(new PrintWriter(stderr, true, StandardCharsets.UTF_8));
        command.setOut(new PrintWriter(stderr, true, StandardCharsets.UTF_8));
        int exit = command.execute(args);
        byte[] out = stdout instanceof ByteArrayOutputStream b ? b.toByteArray() : new byte[0];
        return new Result(exit, out, stderr.toByteArray());
    }

    /**
     * Runs {@code java ... Main md5all ARGS} in a new JVM, with the locale variables replaced by
     * {@code locale}: what a user's shell does.
     */
    static Result md5allProcess(String locale, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("md5all");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        builder.environment().put("LC_ALL", locale);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        return exec(builder);
    }

    /**
     * The names of the md5all stage threads alive now. Virtual threads are not in {@link
     * Thread#getAllStackTraces()}, so this reads the JDK's full thread dump, which lists them.
     */
    static List<String> liveStageThreads() throws IOException {
        Path dump = Files.createTempFile("threads", ".json");
        Files.delete(dump); // dumpThreads will not overwrite
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            Matcher names =
                    Pattern.compile("\"name\": \"(Md5AllPipeline\\.[^\"]*)\"")
                            .matcher(Files.readString(dump));
            List<String> alive = new ArrayList<>();
            while (names.find()) {
                alive.add(names.group(1));
            }
            return alive;
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /**
     * Standard output whose every write fails with {@code reason}, as the JDK words errno: "Broken
     * pipe" when the reader went away ({@code | head}), "No space left on device" for {@code >
     * /dev/full}.
     */
    static OutputStream failingStdout(String reason) {
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

    /** A finished run: exit status and the bytes written. */
    record Result(int exit, byte[] stdout, byte[] stderr) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }
}
