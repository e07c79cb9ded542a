package io.github.stagehand.example;

import static io.github.stagehand.example.Md5AllCommandTest.assertBytes;
import static io.github.stagehand.example.Md5AllFixtures.bash;
import static io.github.stagehand.example.TreeStatsFixtures.escaped;
import static io.github.stagehand.example.TreeStatsFixtures.latin1;
import static io.github.stagehand.example.TreeStatsFixtures.liveStageThreads;
import static io.github.stagehand.example.TreeStatsFixtures.sections;
import static io.github.stagehand.example.TreeStatsFixtures.treestats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.Md5AllFixtures.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code treestats} on a tree of awkward names, hard links, empty files and real duplicates: each
 * section of the report against an oracle built from {@code find}, {@code sort} and {@code md5sum},
 * which know nothing of the pipeline.
 */
@Timeout(120)
class TreeStatsCommandTest {
    /** A row of numbers, then two spaces and the text it ends with. */
    private static final Pattern TWO_NUMBERS =
            Pattern.compile(" *(\\d+) +(\\d+)  (.*)", Pattern.DOTALL);

    private static final Pattern ONE_NUMBER = Pattern.compile(" *(\\d+)  (.*)", Pattern.DOTALL);

    /** Size and last name of every regular file, each ending in NUL. */
    private static final String SIZES_AND_NAMES = "find \"$1\" -type f -printf '%s\\0%f\\0'";

    /**
     * The 20 largest, size descending, then path in byte order: {@code -k2} compares from the path
     * to the end of the record, so a path holding a tab still compares whole.
     */
    private static final String LARGEST_20 =
            "find \"$1\" -type f -printf '%s\\t%p\\0'"
                    + " | LC_ALL=C sort -z -t \"$(printf '\\t')\" -k1,1nr -k2 | head -z -n 20";

    /** Device and inode, size and path of every regular file that is not empty. */
    private static final String INODES =
            "find \"$1\" -type f -size +0 -printf '%D:%i\\0%s\\0%p\\0'";

    /** md5sum's lines, NUL-ended, names unescaped ({@code -z}). */
    private static final String MD5SUMS = "find \"$1\" -type f -print0 | xargs -0 md5sum -z";

    @TempDir static Path dir;
    static Path tree;
    static Result run;

    @BeforeAll
    static void makeTreeAndRun() throws Exception {
        tree = TreeStatsFixtures.tree(dir.resolve("tree"));
        run = treestats(tree.toString());
    }

    @Test
    void aGoodRunExitsZeroWithNothingOnStderrAndNoStageThreadLeft() throws Exception {
        assertEquals("", run.stderrText());
        assertEquals(0, run.exit());
        assertEquals(
                List.of("by", "largest", "duplicates"),
                List.copyOf(sections(run.stdout()).keySet()));
        assertEquals(List.of(), liveStageThreads());
    }

    @Test
    void extensionsAreWhatFollowsTheLastDotThatIsNotTheFirstCharacter() throws Exception {
        // find's size and last name of every regular file; the extension by a regex of our own
        String[] found = latin1(bash(SIZES_AND_NAMES, tree.toString()).stdout()).split("\0");
        Pattern extension = Pattern.compile(".+(\\.[^.]*)", Pattern.DOTALL);
        Map<String, long[]> tally = new TreeMap<>(); // String order: byte order, one char a byte
        long files = 0;
        long bytes = 0;
        for (int i = 0; i < found.length; i += 2) {
            long size = Long.parseLong(found[i]);
            Matcher m = extension.matcher(found[i + 1]);
            long[] t = tally.computeIfAbsent(m.matches() ? m.group(1) : "(none)", k -> new long[2]);
            t[0]++;
            t[1] += size;
            files++;
            bytes += size;
        }
        List<String> expected = new ArrayList<>();
        tally.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[1]))
                .forEach(
                        e ->
                                expected.add(
                                        e.getValue()[1]
                                                + " "
                                                + e.getValue()[0]
                                                + " "
                                                + escaped(e.getKey())));

        List<String> section = sections(run.stdout()).get("by");

        assertEquals("== by extension: " + files + " files, " + bytes + " bytes", section.get(0));
        assertEquals("bytes  files  extension", section.get(1).strip());
        assertEquals(expected, rows(TWO_NUMBERS, section.subList(2, section.size())));
        // the awkward ones, by name: upper case, empty, not UTF-8, a leading dot only
        assertTrue(expected.contains("7 1 .TXT"), expected::toString);
        assertTrue(expected.contains("13 1 ."), expected::toString);
        assertTrue(expected.contains("7 1 .\u00ffx"), expected::toString);
        assertTrue(expected.stream().anyMatch(r -> r.endsWith(" (none)")), expected::toString);
    }

    @Test
    void largestAreSortedBySizeThenPathBytes() throws Exception {
        String[] sorted = latin1(bash(LARGEST_20, tree.toString()).stdout()).split("\0");
        List<String> expected = new ArrayList<>();
        for (String line : sorted) {
            int tab = line.indexOf('\t');
            expected.add(line.substring(0, tab) + " " + escaped(line.substring(tab + 1)));
        }
        long files =
                Long.parseLong(
                        bash("find \"$1\" -type f -printf . | wc -c", tree.toString())
                                .stdoutText()
                                .strip());

        List<String> section = sections(run.stdout()).get("largest");

        assertEquals(20, expected.size());
        assertEquals("== largest files: 20 of " + files, section.get(0));
        assertEquals(expected, rows(ONE_NUMBER, section.subList(2, section.size())));
    }

    @Test
    void duplicatesAreFilesOfOneSizeAndMd5WithHardLinksAsOneCopy() throws Exception {
        Map<String, String> md5s = new TreeMap<>();
        for (String line : latin1(bash(MD5SUMS, tree.toString()).stdout()).split("\0")) {
            md5s.put(line.substring(34), line.substring(0, 32)); // md5sum -z does not escape names
        }
        // content (size, md5) -> inode -> its names, each sorted by bytes
        Map<String, Map<String, TreeSet<String>>> byContent = new TreeMap<>();
        String[] found = latin1(bash(INODES, tree.toString()).stdout()).split("\0");
        for (int i = 0; i < found.length; i += 3) {
            String content =
                    String.format("%020d %s", Long.parseLong(found[i + 1]), md5s.get(found[i + 2]));
            byContent
                    .computeIfAbsent(content, k -> new TreeMap<>())
                    .computeIfAbsent(found[i], k -> new TreeSet<>())
                    .add(found[i + 2]);
        }
        List<List<String>> sets = new ArrayList<>();
        long extraCopies = 0;
        long extraBytes = 0;
        for (var content : byContent.entrySet()) {
            List<TreeSet<String>> copies = new ArrayList<>(content.getValue().values());
            if (copies.size() < 2) {
                continue;
            }
            copies.sort(Comparator.comparing(TreeSet::first));
            long size = Long.parseLong(content.getKey().substring(0, 20));
            List<String> lines = new ArrayList<>();
            lines.add(
                    size
                            + " bytes  "
                            + copies.size()
                            + " copies  md5 "
                            + content.getKey().substring(21));
            for (TreeSet<String> names : copies) {
                String mark = "  - ";
                for (String name : names) {
                    lines.add(mark + escaped(name));
                    mark = "  = ";
                }
            }
            sets.add(lines);
            extraCopies += copies.size() - 1;
            extraBytes += size * (copies.size() - 1);
        }
        sets.sort(
                Comparator.comparingLong(
                                (List<String> s) -> -Long.parseLong(s.get(0).split(" ")[0]))
                        .thenComparing(s -> s.get(1)));
        List<String> expected = new ArrayList<>();
        sets.forEach(expected::addAll);

        List<String> section = sections(run.stdout()).get("duplicates");

        assertEquals(3, sets.size(), expected::toString); // random.bin, back\slash.c, plain.txt
        assertEquals(
                "== duplicates: 3 sets, "
                        + extraCopies
                        + " extra copies, "
                        + extraBytes
                        + " bytes in extra copies",
                section.get(0));
        assertEquals(expected, section.subList(1, section.size()));
        assertTrue(expected.contains("  = " + tree + "/a/random-link.bin"), expected::toString);
        assertTrue(
                expected.contains("  - " + tree + "/dir with space/new\\nline copy"),
                expected::toString);
        assertTrue(
                expected.stream()
                        .noneMatch(l -> l.contains("hard link.txt") || l.contains("empty")),
                expected::toString);
    }

    @Test
    void linksAreNotFollowedAndTheFifoIsNeverOpened() {
        String report = latin1(run.stdout());

        assertTrue(
                !report.contains("link-to-")
                        && !report.contains("dangling")
                        && !report.contains("/fifo"),
                report);
    }

    @ParameterizedTest(name = "the same report with {0} digest workers")
    @ValueSource(ints = {1, 2, 3, 64})
    void theReportDoesNotDependOnTheWorkers(int workers) {
        Result other = treestats("--workers", String.valueOf(workers), tree.toString());

        assertEquals(0, other.exit());
        assertBytes(run.stdout(), other.stdout());
    }

    @Test
    void aSmallTreeGivesThisReportByteForByte() throws Exception {
        Path small = dir.resolve("small");
        bash(
                """
                mkdir "$1" && cd "$1"
                printf 'hello\\n' > a.txt && cp a.txt b.txt && ln a.txt c.txt
                printf 'bye\\n' > notes && : > empty
                """,
                small.toString());

        Result report = treestats("--largest", "3", small.toString());

        assertBytes(
                """
                == by extension: 5 files, 22 bytes
                bytes  files  extension
                   18      3  .txt
                    4      2  (none)

                == largest files: 3 of 5
                bytes  path
                    6  R/a.txt
                    6  R/b.txt
                    6  R/c.txt

                == duplicates: 1 set, 1 extra copy, 6 bytes in extra copies
                6 bytes  2 copies  md5 b1946ac92492d2347c6235b4d2611184
                  - R/a.txt
                  = R/c.txt
                  - R/b.txt
                """
                        .replace("R/", small + "/")
                        .getBytes(StandardCharsets.UTF_8),
                report.stdout());
    }

    @Test
    void severalRootsAndARootThatIsAFileMakeOneReport() throws Exception {
        Path copy = Files.copy(tree.resolve("plain.txt"), dir.resolve("outside.txt"));

        Result both = treestats(tree.resolve("a").toString(), copy.toString());

        String duplicates = String.join("\n", sections(both.stdout()).get("duplicates"));
        assertEquals(0, both.exit());
        // outside.txt sorts first: "outside" < "tree"
        assertTrue(
                duplicates.contains("  - " + copy + "\n  - " + tree + "/a/plain-copy.txt"),
                duplicates);
    }

    @ParameterizedTest(name = "a new JVM in locale {0} prints names byte for byte")
    @ValueSource(strings = {"C.UTF-8", "C"})
    void mainRunsTreestatsAndNamesThatAreNotUtf8RoundTrip(String locale) throws Exception {
        Result process = TreeStatsFixtures.process(locale, tree.toString());

        assertEquals("", process.stderrText());
        assertEquals(0, process.exit());
        assertBytes(run.stdout(), process.stdout());
        assertTrue(latin1(process.stdout()).contains("  .\u00ffx\n"), process.stdoutText());
    }

    /** Each row matched by {@code row}, as its groups joined by spaces. */
    private static List<String> rows(Pattern row, List<String> lines) {
        List<String> rows = new ArrayList<>();
        for (String line : lines) {
            Matcher m = row.matcher(line);
            assertTrue(m.matches(), line);
            StringBuilder joined = new StringBuilder(m.group(1));
            for (int g = 2; g <= m.groupCount(); g++) {
                joined.append(' ').append(m.group(g));
            }
            rows.add(joined.toString());
        }
        return rows;
    }
}
