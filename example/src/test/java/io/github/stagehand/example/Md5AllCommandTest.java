package io.github.stagehand.example;

import static io.github.stagehand.example.Md5AllFixtures.awkwardTree;
import static io.github.stagehand.example.Md5AllFixtures.coreutils;
import static io.github.stagehand.example.Md5AllFixtures.md5all;
import static io.github.stagehand.example.Md5AllFixtures.md5allProcess;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.Md5AllFixtures.Result;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code md5all} on a tree of awkward names prints exactly what coreutils prints, and what the
 * seed's serial MD5All computes; links are not followed and the FIFO is never opened (opening it
 * would block, and the timeout would fail the test).
 */
@Timeout(120)
class Md5AllCommandTest {

    @TempDir static Path dir;
    static Path tree;

    @BeforeAll
    static void makeTree() throws Exception {
        tree = awkwardTree(dir.resolve("tree"));
    }

    @ParameterizedTest(name = "--algorithm {0} prints what {1} prints")
    @CsvSource({"md5, md5sum", "sha1, sha1sum", "sha256, sha256sum", "sha512, sha512sum"})
    void printsWhatCoreutilsPrints(String algorithm, String tool) throws Exception {
        Result run = md5all("--algorithm", algorithm, tree.toString());

        assertEquals("", run.stderrText());
        assertEquals(0, run.exit());
        assertBytes(coreutils(tool, tree.toString()), run.stdout());
    }

    @ParameterizedTest(name = "md5 and sha256 agree with the serial oracle, {0} workers")
    @ValueSource(ints = {1, 2, 3, 8})
    void agreesWithTheSerialOracle(int workers) throws Exception {
        Result md5 = md5all("--workers", String.valueOf(workers), tree.toString());
        Result sha256 =
                md5all(
                        "--workers",
                        String.valueOf(workers),
                        "--algorithm",
                        "SHA256",
                        tree.toString());

        assertBytes(SerialMd5All.sums("MD5", List.of(tree)), md5.stdout());
        assertBytes(SerialMd5All.sums("SHA-256", List.of(tree)), sha256.stdout());
    }

    @Test
    void escapesNamesAsMd5sumDoes() throws Exception {
        String out = md5all(tree.toString()).stdoutText();

        // a name with a backslash or a newline: the line starts with '\', both are escaped
        assertTrue(out.contains("  " + tree + "/back\\\\slash\n"), out);
        assertTrue(out.contains("  " + tree + "/new\\nline\n"), out);
        assertTrue(out.contains("  " + tree + "/both\\\\and\\nnewline\n"), out);
        assertTrue(out.contains("  " + tree + "/carriage\\rreturn\n"), out);
        assertTrue(
                out.lines()
                        .filter(l -> l.contains("\\\\") || l.contains("\\n"))
                        .allMatch(l -> l.startsWith("\\")),
                out);
        // a tab is not escaped, and its line does not start with '\'
        String tab = out.lines().filter(l -> l.endsWith("/tab\tname")).findFirst().orElseThrow();
        assertTrue(Character.isLetterOrDigit(tab.charAt(0)), tab);
    }

    @Test
    void skipsLinksFifosAndSocketsAndSortsByPathBytes() throws Exception {
        List<String> paths =
                md5all(tree.toString())
                        .stdoutText()
                        .lines()
                        .map(l -> l.substring(l.indexOf("  ") + 2 + tree.toString().length() + 1))
                        .toList();

        assertTrue(
                paths.stream()
                        .noneMatch(
                                p ->
                                        p.startsWith("link-to")
                                                || p.equals("dangling")
                                                || p.equals("fifo")
                                                || p.equals("socket")),
                paths::toString);
        // '/' (0x2f) sorts between '.' (0x2e) and '0' (0x30): the directory a comes after a.b
        int ab = paths.indexOf("a.b");
        int ax = paths.indexOf("a/x");
        int aby = paths.indexOf("a/b/y");
        int a0 = paths.indexOf("a0");
        assertTrue(
                paths.indexOf("a!") < paths.indexOf("a-b") && paths.indexOf("a-b") < ab,
                paths::toString);
        assertTrue(ab < aby && aby < ax && ax < a0, paths::toString);
    }

    @Test
    void joinsPathsAsFindDoes() throws Exception {
        String slashed = tree + "/";
        String dotted = tree + "/./a";

        assertBytes(coreutils("md5sum", slashed), md5all(slashed).stdout());
        assertBytes(coreutils("md5sum", dotted), md5all(dotted).stdout());
        // a root that is a regular file is printed as given; a root that is a link is not
        // followed, unless it ends in '/', which makes the kernel resolve it
        assertBytes(
                coreutils("md5sum", tree + "/plain.txt", tree + "/link-to-dir"),
                md5all(tree + "/plain.txt", tree + "/link-to-dir").stdout());
        assertBytes(
                coreutils("md5sum", tree + "/link-to-dir/"),
                md5all(tree + "/link-to-dir/").stdout());
    }

    @Test
    void sortsSeveralRootsTogether() throws Exception {
        String a = tree.resolve("a").toString();
        String spaced = tree.resolve("dir with space").toString();

        Result run = md5all(spaced, a);

        assertBytes(coreutils("md5sum", a, spaced), run.stdout());
    }

    @ParameterizedTest(name = "a new JVM in locale {0} prints names byte for byte")
    @ValueSource(strings = {"C.UTF-8", "C"})
    void namesThatAreNotUtf8RoundTripInAnyLocale(String locale) throws Exception {
        // the tree's names hold UTF-8 and a lone 0xff byte; the root itself is ASCII
        Result run = md5allProcess(locale, tree.toString());

        assertEquals("", run.stderrText());
        assertEquals(0, run.exit());
        assertBytes(coreutils("md5sum", tree.toString()), run.stdout());
        String latin1 = new String(run.stdout(), StandardCharsets.ISO_8859_1);
        assertTrue(latin1.contains("/bad\u00ffname\n"), latin1);
    }

    @Test
    void mainRunsMd5allAsASubcommand() throws Exception {
        Result run =
                md5allProcess("C.UTF-8", "--algorithm", "sha256", tree.resolve("a").toString());

        assertEquals(0, run.exit());
        assertBytes(coreutils("sha256sum", tree.resolve("a").toString()), run.stdout());
    }

    @Test
    void progressIsDrawnOnAStderrTerminalAndErasedAtTheEnd() throws Exception {
        // a sparse file of 384 MiB: reading it takes well over the 100 ms between two redraws
        Path slow = dir.resolve("slow");
        Md5AllFixtures.bash("mkdir \"$1\" && truncate -s 384M \"$1/zeros\"", slow.toString());

        Result run = md5all(new ByteArrayOutputStream(), false, true, slow.toString());

        String stderr = run.stderrText();
        assertTrue(
                stderr.matches(
                        "(\r\033\\[K[0-9,]+ files  [0-9.]+ [KMG]?i?B  [0-9.]+ [KMG]?i?B/s)+\r\033\\[K"),
                () -> stderr.replace("\033", "ESC").replace("\r", "CR"));
        assertBytes(coreutils("md5sum", slow.toString()), run.stdout());
    }

    @Test
    void noProgressUnlessStderrIsATerminalAndStdoutIsNot() throws Exception {
        Result bothTerminals = md5all(new ByteArrayOutputStream(), true, true, tree.toString());
        Result neither = md5all(new ByteArrayOutputStream(), false, false, tree.toString());
        Result silenced =
                md5all(new ByteArrayOutputStream(), false, true, "--no-progress", tree.toString());

        assertEquals("", bothTerminals.stderrText());
        assertEquals("", neither.stderrText());
        assertEquals("", silenced.stderrText());
        assertBytes(coreutils("md5sum", tree.toString()), bothTerminals.stdout());
    }

    @Test
    void statsGoToStderrAndLeaveStdoutAsMd5sumPrintsIt() throws Exception {
        Result run = md5all("--stats", "--workers", "3", tree.toString());

        assertEquals(0, run.exit());
        assertBytes(coreutils("md5sum", tree.toString()), run.stdout());
        List<String> table = run.stderrText().lines().toList();
        assertTrue(table.get(0).matches("Md5AllPipeline, [0-9.]+ s"), table.get(0));
        assertTrue(table.get(1).startsWith("stage "), table.toString());
        assertTrue(table.get(2).matches("walk +1 +0 +[1-9][0-9]* .*"), table.toString());
        assertTrue(
                table.get(3).matches("digest +3 +[1-9][0-9]* +[1-9][0-9]* .*"), table.toString());
        assertEquals(
                1,
                table.stream().filter(l -> l.endsWith("<- bottleneck")).count(),
                table.toString());
        assertTrue(
                table.contains("channel          capacity buffered      max")
                        || table.stream().anyMatch(l -> l.startsWith("walk -> digest ")),
                table.toString());
        assertTrue(
                table.stream().anyMatch(l -> l.startsWith("digest -> output ")), table.toString());
    }

    /** Compares as text for a readable failure message, then as bytes. */
    static void assertBytes(byte[] expected, byte[] actual) {
        assertEquals(
                new String(expected, StandardCharsets.ISO_8859_1),
                new String(actual, StandardCharsets.ISO_8859_1));
        assertArrayEquals(expected, actual);
    }
}
