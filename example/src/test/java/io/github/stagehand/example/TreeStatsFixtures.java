package io.github.stagehand.example;

import static io.github.stagehand.example.Md5AllFixtures.bash;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.stagehand.example.Md5AllFixtures.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * What the treestats tests share: a tree with awkward names, hard links, empty files and real
 * duplicates; the command run in this JVM; its report cut into sections; and the stage threads
 * still alive. Text is handled as ISO-8859-1, one char per byte, so that names that are not UTF-8
 * compare exactly.
 */
final class TreeStatsFixtures {
    private TreeStatsFixtures() {}

    /**
     * Made by bash from escapes, so that the bytes do not depend on the JVM's locale. Names with
     * spaces, a backslash, a newline, a carriage return, tabs, a leading dash. Duplicates: {@code
     * random.bin} (100,000 bytes) with a copy and a hard link; {@code plain.txt} with two copies,
     * one named with a newline; {@code back\slash.c} with a copy. Same size, other content: {@code
     * plaiN} beside {@code plain}. A hard link to a file of a size of its own ({@code with
     * space.txt}), which duplicates nothing; three empty files; extensions of every kind: none,
     * leading dot only, empty, upper case, not UTF-8, after several dots. Not regular files: links
     * to a file and to a directory, a dangling link, a FIFO (opening it would block).
     */
    private static final String TREE =
            """
            set -e
            mkdir "$1" && cd "$1"
            mkdir -p a/b/c 'dir with space/inner' empty-dir
            printf 'plain\\n' > plain.txt
            printf 'spaced out\\n' > 'with space.txt'
            printf 'backslash\\n' > 'back\\slash.c'
            printf 'newline\\n' > "$(printf 'new\\nline.txt')"
            printf 'cr\\n' > "$(printf 'carriage\\rreturn')"
            printf 'tab\\n' > "$(printf 'tab\\tname.t\\tb')"
            printf 'latin1\\n' > "$(printf 'bad\\377name.\\377x')"
            printf 'unicode\\n' > "$(printf 'unicod\\303\\251.\\303\\251')"
            printf 'dotfile\\n' > .bashrc
            printf 'HIDDEN\\n' > .hidden.TXT
            printf 'trailing dot\\n' > 'trailing.'
            printf 'gzipped?\\n' > archive.tar.gz
            printf 'dash\\n' > ./-leading-dash
            : > empty
            : > .empty.txt
            : > a/b/empty
            head -c 100000 /dev/urandom > a/b/c/random.bin
            cp a/b/c/random.bin 'dir with space/inner/random copy.bin'
            ln a/b/c/random.bin a/random-link.bin
            cp plain.txt a/plain-copy.txt
            cp plain.txt "$(printf 'dir with space/new\\nline copy')"
            printf 'plaiN\\n' > a/b/not-a-copy.txt
            cp 'back\\slash.c' 'a/back\\slash copy.c'
            ln 'with space.txt' 'a/b/hard link.txt'
            head -c 5000 /dev/urandom > a/b/c/unique.bin
            ln -s plain.txt link-to-file
            ln -s a link-to-dir
            ln -s nowhere dangling
            mkfifo fifo
            """;

    /** Makes the tree at {@code root} (which must not exist) and returns it. */
    static Path tree(Path root) throws IOException, InterruptedException {
        bash(TREE, root.toString());
        return root;
    }

    /** Runs {@code treestats ARGS} in this JVM. */
    static Result treestats(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        CommandLine command = new CommandLine(new TreeStatsCommand(stdout, stderr));
        command.setErr(new PrintWriter(stderr, true, StandardCharsets.UTF_8));
        command.setOut(new PrintWriter(stderr, true, StandardCharsets.UTF_8));
        int exit = command.execute(args);
        return new Result(exit, stdout.toByteArray(), stderr.toByteArray());
    }

    /**
     * Runs {@code java ... Main treestats ARGS} in a new JVM whose locale variables are only {@code
     * LC_ALL=locale}, as a user's shell would start it.
     */
    static Result process(String locale, String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName(),
                                "treestats"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet()
                .removeIf(
                        k ->
                                k.equals("LANG")
                                        || k.startsWith("LC_")
                                        || k.equals("JAVA_TOOL_OPTIONS")
                                        || k.equals("JDK_JAVA_OPTIONS"));
        env.put("LC_ALL", locale);
        return Md5AllFixtures.exec(builder);
    }

    /** The bytes as ISO-8859-1 text: one char per byte. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * The report's sections, by the word its heading starts with ("by", "largest", "duplicates"):
     * the heading's line, then the rest of the section's lines, blank lines dropped.
     */
    static Map<String, List<String>> sections(byte[] report) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : latin1(report).split("\n", -1)) {
            if (line.startsWith("== ")) {
                current = new ArrayList<>();
                sections.put(line.substring(3).split("[ :]", 2)[0], current);
            }
            if (current != null && !line.isEmpty()) {
                current.add(line);
            }
        }
        return sections;
    }

    /** The report's escape of a name held as ISO-8859-1 text. */
    static String escaped(String name) {
        return name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    /**
     * The names of the treestats stage threads alive now, read from the JDK's thread dump (which,
     * unlike {@link Thread#getAllStackTraces()}, lists virtual threads).
     */
    static List<String> liveStageThreads() throws IOException {
        Path dump = Files.createTempDirectory("threads").resolve("dump.json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            List<String> alive = new ArrayList<>();
            Matcher m =
                    Pattern.compile("\"name\": \"(TreeStatsPipeline\\.[^\"]*)\"")
                            .matcher(Files.readString(dump));
            while (m.find()) {
                alive.add(m.group(1));
            }
            return alive;
        } finally {
            Files.deleteIfExists(dump);
            Files.deleteIfExists(dump.getParent());
        }
    }
}
