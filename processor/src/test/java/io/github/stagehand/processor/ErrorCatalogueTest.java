package io.github.stagehand.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/errors.md's table lists exactly the diagnostic ids the processor defines: one row per id,
 * none missing, none left over.
 *
 * <p>The processor's ids are read from its sources, not from a list kept beside them: every string
 * literal that starts with a bracketed id ({@code "[StagePrivate] ..."}), and every enum constant
 * named like an id ({@code StagePrivate}, {@code BeamOrdered}) should the ids become an enum. A
 * message written in pieces ({@code "[" + id + "]"}) is found through that enum.
 */
class ErrorCatalogueTest {
    private static final Pattern ID = Pattern.compile("(?:Stage|Beam)[A-Z][A-Za-z]*");
    private static final Pattern LITERAL_ID = Pattern.compile("\"\\[(" + ID.pattern() + ")\\]");
    private static final Pattern ENUM =
            Pattern.compile("\\benum\\s+\\w+\\s*(?:implements[^{]*)?\\{([^;}]*)");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(" + ID.pattern() + ")`\\s*\\|");
    private static final Pattern FULL_ROW =
            Pattern.compile("^\\| `(" + ID.pattern() + ")` \\| (\\w+) \\| (.*) \\|\\s*$");

    @Test
    void theErrorTableListsExactlyTheProcessorsIds() throws IOException {
        Set<String> defined = definedIds(Path.of("src/main/java"));
        List<String> rows = tableIds(docs().resolve("errors.md"));
        Set<String> listed = new TreeSet<>(rows);

        assertEquals(rows.size(), listed.size(), "an id has two rows in docs/errors.md: " + rows);
        Set<String> missing = new TreeSet<>(defined);
        missing.removeAll(listed);
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(defined);
        assertTrue(
                missing.isEmpty() && stale.isEmpty(),
                "docs/errors.md's table is out of date: missing "
                        + missing
                        + ", not defined "
                        + stale);
    }

    @Test
    void eachRowStatesTheKindAndRuleOfItsIdInDiagnosticId() throws IOException {
        List<String> expected = new ArrayList<>();
        for (DiagnosticId id : DiagnosticId.values()) {
            expected.add(
                    id.name()
                            + " | "
                            + id.kind().name().toLowerCase(Locale.ROOT)
                            + " | "
                            + id.rule());
        }
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(docs().resolve("errors.md"))) {
            Matcher row = FULL_ROW.matcher(line);
            if (row.matches()) {
                rows.add(row.group(1) + " | " + row.group(2) + " | " + row.group(3));
            }
        }
        assertEquals(expected, rows);
    }

    @Test
    void everyMessageStartsWithAnIdOfDiagnosticIdAndEveryIdHasAMessage() throws IOException {
        Set<String> literals = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher literal = LITERAL_ID.matcher(Files.readString(file));
                while (literal.find()) {
                    literals.add(literal.group(1));
                }
            }
        }
        Set<String> registered = new TreeSet<>();
        for (DiagnosticId id : DiagnosticId.values()) {
            registered.add(id.name());
        }
        assertEquals(registered, literals);
    }

    @Test
    void theSourcesDefineIdsAndTheTableHasRows() throws IOException {
        // guards against a check that passes because both sides came out empty
        assertFalse(definedIds(Path.of("src/main/java")).size() < 30);
        assertTrue(definedIds(Path.of("src/main/java")).contains("StageTypeMismatch"));
        assertTrue(tableIds(docs().resolve("errors.md")).contains("StageTypeMismatch"));
    }

    @Test
    void enumConstantsCountAsIds() {
        assertEquals(
                Set.of("StagePrivate", "BeamOrdered"),
                idsIn(
                        "enum Id { StagePrivate(Kind.ERROR, \"private; (no)\"),"
                                + " BeamOrdered(f(1, 2), \"}\"); Id(Object... a) {} }"));
        assertEquals(Set.of("StageWorkers"), idsIn("return \"[StageWorkers] \" + stage;"));
        assertEquals(Set.of(), idsIn("/** {@code [StageCatchesCancel]} */ String s = \"Stage\";"));
    }

    private static Set<String> definedIds(Path sources) throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                ids.addAll(idsIn(Files.readString(file)));
            }
        }
        return ids;
    }

    static Set<String> idsIn(String source) {
        Set<String> ids = new TreeSet<>();
        Matcher literal = LITERAL_ID.matcher(source);
        while (literal.find()) {
            ids.add(literal.group(1));
        }
        // enum constants, with their arguments (whose strings may hold ';' or '}') dropped
        String code =
                source.replaceAll("'(?:\\\\.|[^'\\\\])'", "' '")
                        .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
        Matcher constants = ENUM.matcher(code);
        while (constants.find()) {
            String body = constants.group(1);
            for (String before = null; !body.equals(before); ) {
                before = body;
                body = body.replaceAll("\\([^()]*\\)", "");
            }
            for (String constant : body.split(",")) {
                String name = constant.strip();
                if (ID.matcher(name).matches()) {
                    ids.add(name);
                }
            }
        }
        return ids;
    }

    private static List<String> tableIds(Path page) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(page)) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                ids.add(row.group(1));
            }
        }
        return ids;
    }

    /** The processor's tests run in processor/; docs/ is beside it. */
    private static Path docs() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("docs/errors.md"))) {
                return at.resolve("docs");
            }
        }
        throw new IllegalStateException("no docs/errors.md above " + Path.of("").toAbsolutePath());
    }
}
