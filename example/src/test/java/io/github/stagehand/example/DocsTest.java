package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs cannot drift from the repository: README.md and every page under docs/ are read here,
 * and each fenced code block must carry a marker on the line right before its fence.
 *
 * <ul>
 *   <li>{@code <!-- excerpt: PATH -->}: every non-blank line of the block, ignoring whitespace at
 *       either end and lines that are only {@code ...}, appears in the file at PATH (relative to
 *       the repository root), in the same order, other lines allowed in between. A file line inside
 *       a Javadoc comment matches without its leading {@code *}.
 *   <li>{@code <!-- not checked: REASON -->}: shell commands, program output, illustrations; the
 *       reason must not be empty.
 * </ul>
 *
 * <p>Besides: every relative link points at a file (and heading) that exists; the docs name no file
 * outside the repository and no issue or session number; every ADR has a status line and is in the
 * ADR index; Stagehand's own coordinates carry the build's version. docs/contributing.md describes
 * the convention.
 */
class DocsTest {
    private static final Path ROOT = repositoryRoot();

    private static final Pattern FENCE = Pattern.compile("^( *)(`{3,}|~{3,})(.*)$");
    private static final Pattern MARKER =
            Pattern.compile("^\\s*<!--\\s*(excerpt|not checked):\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern LINK =
            Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    /** Names a reader of this repository cannot follow. */
    private static final List<Pattern> FORBIDDEN =
            List.of(
                    Pattern.compile("DESIGN\\.md"),
                    Pattern.compile("STYLE\\.md"),
                    Pattern.compile("\\.\\./shared"),
                    Pattern.compile("(?i)\\bissues?\\s+#?\\d+"),
                    Pattern.compile("(?i)\\bsessions?\\s+\\d+"),
                    Pattern.compile("(?<![\\w&/#-])#\\d+\\b"));

    @Test
    void everyFencedBlockIsAnExcerptOfItsFileOrSaysWhyNot() {
        List<String> problems = new ArrayList<>();
        for (Page page : pages()) {
            for (Block block : page.blocks()) {
                String where = page.relative() + ":" + block.line();
                if (block.marker() == null) {
                    problems.add(
                            where
                                    + ": a fenced block without a marker on the line before it"
                                    + " (<!-- excerpt: PATH --> or <!-- not checked: REASON -->)");
                } else if (block.marker().kind().equals("not checked")) {
                    if (block.marker().argument().isEmpty()) {
                        problems.add(where + ": <!-- not checked: --> needs a reason");
                    }
                } else {
                    checkExcerpt(where, block, problems);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void relativeLinksPointAtFilesAndHeadingsThatExist() {
        List<String> problems = new ArrayList<>();
        for (Page page : pages()) {
            for (int i = 0; i < page.lines().size(); i++) {
                if (page.inFence()[i]) {
                    continue;
                }
                String text = INLINE_CODE.matcher(page.lines().get(i)).replaceAll("");
                Matcher link = LINK.matcher(text);
                while (link.find()) {
                    String problem = checkLink(page, link.group(1));
                    if (problem != null) {
                        problems.add(page.relative() + ":" + (i + 1) + ": " + problem);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theDocsNameNoFileOutsideTheRepositoryAndNoIssueOrSession() {
        List<String> problems = new ArrayList<>();
        for (Page page : pages()) {
            for (int i = 0; i < page.lines().size(); i++) {
                String line = page.lines().get(i);
                for (Pattern forbidden : FORBIDDEN) {
                    Matcher found = forbidden.matcher(line);
                    if (found.find()) {
                        problems.add(
                                page.relative()
                                        + ":"
                                        + (i + 1)
                                        + ": '"
                                        + found.group()
                                        + "' in: "
                                        + line.strip());
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyAdrHasAStatusLineAndIsInTheIndex() throws IOException {
        Path adrs = ROOT.resolve("docs/adr");
        String index = Files.readString(adrs.resolve("README.md"));
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(adrs)) {
            for (Path adr :
                    files.filter(p -> p.getFileName().toString().matches("\\d{4}-.*\\.md"))
                            .sorted()
                            .toList()) {
                List<String> lines =
                        Files.readAllLines(adr).stream().filter(l -> !l.isBlank()).toList();
                String name = adr.getFileName().toString();
                if (lines.size() < 2
                        || !lines.get(0).startsWith("# ")
                        || !lines.get(1).startsWith("Status: ")) {
                    problems.add(name + ": the title must be followed by a line 'Status: ...'");
                }
                if (!index.contains("(" + name + ")")) {
                    problems.add(name + ": not linked from docs/adr/README.md");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void stagehandCoordinatesCarryTheBuildsVersion() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher own =
                Pattern.compile(
                                "<artifactId>stagehand-parent</artifactId>\\s*<version>([^<]+)</version>")
                        .matcher(pom);
        assertTrue(own.find(), "no version in pom.xml");
        String version = own.group(1);
        Pattern maven =
                Pattern.compile(
                        "<groupId>io\\.github\\.stagehand</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>");
        Pattern gradle = Pattern.compile("io\\.github\\.stagehand:([\\w-]+):([\\w.-]+)");
        List<String> problems = new ArrayList<>();
        for (Page page : pages()) {
            String text = String.join("\n", page.lines());
            for (Pattern coordinates : List.of(maven, gradle)) {
                Matcher found = coordinates.matcher(text);
                while (found.find()) {
                    String given = found.group(2);
                    if (!given.equals(version) && !given.equals("${project.version}")) {
                        problems.add(
                                page.relative()
                                        + ": "
                                        + found.group(1)
                                        + " "
                                        + found.group(2)
                                        + ", but the build is "
                                        + version);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The convention also holds for a page made up here, so that a broken check cannot pass. */
    @Test
    void theChecksCatchWhatTheyAreFor() {
        Page page =
                Page.parse(
                        ROOT.resolve("docs/made-up.md"),
                        List.of(
                                "<!-- excerpt: example/src/main/java/io/github/stagehand/example/Squares.java -->",
                                "```java",
                                "@Stage(workers = 2)",
                                "static int sq(int n) {",
                                "    ...",
                                "}",
                                "```",
                                "",
                                "```sh",
                                "echo no marker",
                                "```",
                                "<!-- excerpt: example/src/main/java/io/github/stagehand/example/Squares.java -->",
                                "```java",
                                "static int sq(long n) {",
                                "```"));
        List<Block> blocks = page.blocks();
        assertEquals(3, blocks.size());
        List<String> problems = new ArrayList<>();
        checkExcerpt("first", blocks.get(0), problems);
        assertEquals(List.of(), problems);
        assertEquals(null, blocks.get(1).marker());
        checkExcerpt("third", blocks.get(2), problems);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(null, checkLink(page, "../README.md#quick-start"));
        assertTrue(checkLink(page, "../README.md#no-such-heading") != null);
        assertTrue(checkLink(page, "missing.md") != null);
        assertTrue(FORBIDDEN.stream().anyMatch(p -> p.matcher("as issue 13 found").find()));
        assertTrue(
                FORBIDDEN.stream().noneMatch(p -> p.matcher("thread SquaresPipeline.sq#1").find()));
    }

    private static void checkExcerpt(String where, Block block, List<String> problems) {
        Path file = ROOT.resolve(block.marker().argument()).normalize();
        if (!file.startsWith(ROOT) || !Files.isRegularFile(file)) {
            problems.add(where + ": excerpt of a missing file, " + block.marker().argument());
            return;
        }
        List<String> source = readLines(file);
        int at = 0;
        for (int i = 0; i < block.content().size(); i++) {
            String wanted = block.content().get(i).strip();
            if (wanted.isEmpty() || wanted.equals("...")) {
                continue;
            }
            while (at < source.size() && !matches(wanted, source.get(at))) {
                at++;
            }
            if (at == source.size()) {
                problems.add(
                        where
                                + ": line "
                                + (i + 1)
                                + " of the block is not in "
                                + block.marker().argument()
                                + " (in this order): "
                                + wanted);
                return;
            }
            at++;
        }
    }

    private static boolean matches(String wanted, String sourceLine) {
        String line = sourceLine.strip();
        if (line.equals(wanted)) {
            return true;
        }
        // a Javadoc example: " * code"
        return line.startsWith("* ") && line.substring(2).strip().equals(wanted);
    }

    /** Null if the link is fine, else what is wrong with it. */
    private static String checkLink(Page page, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto:
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file =
                path.isEmpty() ? page.file() : page.file().getParent().resolve(path).normalize();
        if (!file.startsWith(ROOT)) {
            return "a link out of the repository: " + target;
        }
        if (!Files.exists(file)) {
            return "a link to a missing file: " + target;
        }
        if (anchor != null && file.toString().endsWith(".md")) {
            Set<String> anchors = Page.parse(file, readLines(file)).anchors();
            if (!anchors.contains(anchor)) {
                return "no heading for #" + anchor + " in " + ROOT.relativize(file);
            }
        }
        return null;
    }

    private static List<Page> pages() {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().map(f -> Page.parse(f, readLines(f))).toList();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example module's tests run in example/; the root holds README.md and docs/. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("README.md"))
                    && Files.isDirectory(at.resolve("docs"))
                    && Files.isRegularFile(at.resolve("pom.xml"))) {
                return at;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }

    record Marker(String kind, String argument) {}

    /** A fenced block: the line of its opening fence (1-based), its marker, its lines. */
    record Block(int line, Marker marker, List<String> content) {}

    record Page(Path file, List<String> lines, boolean[] inFence, List<Block> blocks) {
        String relative() {
            return ROOT.relativize(file).toString();
        }

        static Page parse(Path file, List<String> lines) {
            boolean[] inFence = new boolean[lines.size()];
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Matcher open = FENCE.matcher(lines.get(i));
                if (!open.matches()) {
                    continue;
                }
                int indent = open.group(1).length();
                String fence = open.group(2);
                Marker marker = null;
                int before = i - 1;
                while (before >= 0 && lines.get(before).isBlank()) {
                    before--;
                }
                if (before == i - 1 && before >= 0) {
                    Matcher m = MARKER.matcher(lines.get(before));
                    if (m.matches()) {
                        marker = new Marker(m.group(1), m.group(2));
                    }
                }
                List<String> content = new ArrayList<>();
                int start = i;
                inFence[i] = true;
                for (i++; i < lines.size(); i++) {
                    inFence[i] = true;
                    String line = lines.get(i);
                    String stripped = line.strip();
                    if (stripped.startsWith(fence.substring(0, 3))
                            && stripped.chars().allMatch(c -> c == fence.charAt(0))
                            && stripped.length() >= fence.length()) {
                        break;
                    }
                    content.add(
                            line.length() >= indent && line.substring(0, indent).isBlank()
                                    ? line.substring(indent)
                                    : line.strip());
                }
                blocks.add(new Block(start + 1, marker, content));
            }
            return new Page(file, lines, inFence, blocks);
        }

        /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
        Set<String> anchors() {
            Set<String> anchors = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                Matcher heading = HEADING.matcher(lines.get(i));
                if (inFence[i] || !heading.matches()) {
                    continue;
                }
                String text = heading.group(2).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
                String slug =
                        text.toLowerCase(java.util.Locale.ROOT)
                                .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                                .replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
            return anchors;
        }
    }
}
