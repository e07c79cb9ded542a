package io.github.stagehand.beam.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * wordfreq prints, with either engine, byte for byte what {@code tr A-Z a-z | tr -cs a-z0-9 '\n' |
 * sort | uniq -c}, re-sorted by count and then word, prints under {@code LC_ALL=C}, over a tree of
 * generated text with upper case, punctuation, bytes above 127 and a link.
 */
@Timeout(300)
class WordFreqCommandTest {

    @TempDir static Path dir;
    static Path tree;

    private record Run(int exit, String out, String err) {}

    private static Run wordfreq(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new WordFreqCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return new Run(command.execute(args), out.toString(), err.toString());
    }

    @BeforeAll
    static void makeTree() throws IOException {
        tree = Files.createDirectories(dir.resolve("tree"));
        Random random = new Random(15);
        String[] words = {"Stage", "done", "CLOSE", "out", "in2", "9lives", "Go", "beam", "x"};
        for (int f = 0; f < 6; f++) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (int i = 0; i < 3_000; i++) {
                text.writeBytes(
                        words[random.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII));
                switch (random.nextInt(6)) {
                    case 0 -> text.write('\n');
                    case 1 -> text.writeBytes(", ".getBytes(StandardCharsets.US_ASCII));
                    case 2 -> text.write(0xE9); // a byte above 127 separates words, as for tr
                    case 3 -> text.writeBytes("--".getBytes(StandardCharsets.US_ASCII));
                    default -> text.write(' ');
                }
            }
            Files.write(
                    Files.createDirectories(tree.resolve("d" + f % 2)).resolve("f" + f + ".txt"),
                    text.toByteArray());
        }
        Files.createSymbolicLink(tree.resolve("link.txt"), tree.resolve("d0/f0.txt"));
    }

    private static String coreutils(Path root) throws Exception {
        Process p =
                new ProcessBuilder(
                                "bash",
                                "-c",
                                "export LC_ALL=C; find \"$1\" -type f -print0 | sort -z | xargs -0 cat"
                                        + " | tr A-Z a-z | tr -cs a-z0-9 '\\n' | grep . | sort | uniq -c"
                                        + " | awk '{print $1 \"\\t\" $2}' | sort -t\"$(printf '\\t')\" -k1,1nr -k2,2",
                                "wordfreq-oracle",
                                root.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @ParameterizedTest(name = "--engine {0}")
    @ValueSource(strings = {"local", "direct"})
    void printsWhatTheCoreutilsPipelinePrints(String engine) throws Exception {
        Run run = wordfreq("--engine", engine, tree.toString());

        assertEquals(0, run.exit(), run.err());
        String expected = coreutils(tree);
        assertTrue(expected.lines().count() > 5, expected);
        assertEquals(expected, run.out());
    }

    @Test
    void topKeepsTheMostFrequentAndAMissingFileIsReported() throws Exception {
        Path missing = dir.resolve("gone.txt");
        Run run = wordfreq("--top", "3", tree.toString(), missing.toString());

        assertEquals(1, run.exit());
        assertEquals("wordfreq: " + missing + ": No such file or directory", run.err().strip());
        assertEquals(coreutils(tree).lines().limit(3).toList(), run.out().lines().toList());
    }

    @Test
    void aBadValueIsAUsageError() {
        Run run = wordfreq("--top", "0", tree.toString());

        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("--top and --workers must be positive"), run.err());
    }
}
