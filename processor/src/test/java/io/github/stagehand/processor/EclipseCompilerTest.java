package io.github.stagehand.processor;

import static com.google.testing.compile.Compiler.javac;
import static io.github.stagehand.processor.EclipseCompiler.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.stagehand.processor.EclipseCompiler.Problem;
import io.github.stagehand.processor.EclipseCompiler.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The processor under Eclipse's compiler (ecj), from a processor path of its classes and JavaPoet,
 * on a runtime with and one without the {@code jdk.compiler} module: it generates the golden
 * sources byte for byte, reports the same errors as under javac, and notes once that the checks on
 * javac's syntax trees were skipped, where javac reports {@code [StageOwnerLocal]} and warns {@code
 * [StageCatchesCancel]}. (The shaded jar alone is tested the same way by ShadedJarIT.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EclipseCompilerTest {
    static final List<String> GOLDEN = List.of("Squares", "WordCount", "Report", "Zip");
    static final List<String> ERRORS =
            List.of("Private", "Mismatch", "OutAndReturn", "Unknown", "Outer", "Local", "Swallows");

    /** The diagnostics only javac's syntax trees give. */
    private static final List<String> TREE_CHECKS =
            List.of("[StageOwnerLocal]", "[StageCatchesCancel]");

    enum Runtime {
        WITH_JDK_COMPILER(null, "the processing environment is not javac's"),
        WITHOUT_JDK_COMPILER(
                EclipseCompiler.WITHOUT_JDK_COMPILER, "without the jdk.compiler module");

        final String modules;
        final String reason;

        Runtime(String modules, String reason) {
            this.modules = modules;
            this.reason = reason;
        }
    }

    private final Map<Runtime, Result> ecj = new EnumMap<>(Runtime.class);
    private List<Problem> javacProblems;

    @BeforeAll
    void compileWithEcjAndJavac(@TempDir Path temp) throws IOException, InterruptedException {
        List<Path> sources = EclipseCompiler.copyResources(temp.resolve("src"), sourceNames());
        List<Path> processorPath =
                List.of(
                        location(StageProcessor.class.getName()),
                        location("com.palantir.javapoet.JavaFile"));
        List<Path> classPath =
                List.of(
                        location("io.github.stagehand.annotation.Stage"),
                        location("io.github.stagehand.runtime.In"));
        for (Runtime runtime : Runtime.values()) {
            Path work = Files.createDirectories(temp.resolve(runtime.name()));
            ecj.put(
                    runtime,
                    EclipseCompiler.compile(
                            runtime.modules, processorPath, classPath, work, sources));
        }
        javacProblems = javacProblems(sources);
    }

    @ParameterizedTest
    @EnumSource(Runtime.class)
    void generatesTheGoldenSources(Runtime runtime) throws IOException {
        Result result = ecj.get(runtime);
        for (String owner : GOLDEN) {
            assertEquals(
                    EclipseCompiler.resource("expected/golden/" + owner + "Pipeline.java"),
                    result.generatedSource("golden." + owner + "Pipeline"),
                    owner + "Pipeline under ecj " + runtime + "\n" + result.output());
        }
        assertEquals(
                List.of(),
                result.problems().stream()
                        .filter(p -> p.file().endsWith("Pipeline.java") || isGolden(p.file()))
                        .toList(),
                "the golden sources and all generated ones compile cleanly under ecj");
    }

    @ParameterizedTest
    @EnumSource(Runtime.class)
    void reportsJavacsErrorsButThoseOnSyntaxTrees(Runtime runtime) {
        Result result = ecj.get(runtime);
        assertTrue(result.exitCode() != 0, result.output());
        assertTrue(
                result.output().lines().noneMatch(line -> line.contains("Internal compiler error")),
                result.output());
        assertEquals(
                javacProblems.stream()
                        .filter(p -> TREE_CHECKS.stream().noneMatch(p.message()::startsWith))
                        .toList(),
                sorted(
                        Stream.concat(
                                        result.stagehand("error").stream(),
                                        result.stagehand("warning").stream())
                                .toList()),
                result.output());
    }

    @ParameterizedTest
    @EnumSource(Runtime.class)
    void notesOnceWhichChecksWereSkippedAndWhy(Runtime runtime) {
        List<Problem> notes = ecj.get(runtime).stagehand("info");

        assertEquals(1, notes.size(), notes.toString());
        String note = notes.get(0).message();
        assertTrue(note.startsWith("[StageTreeChecksSkipped]"), note);
        assertTrue(note.contains(runtime.reason), note);
        TREE_CHECKS.forEach(id -> assertTrue(note.contains(id), note));
    }

    @ParameterizedTest
    @EnumSource(Runtime.class)
    void javacReportsTheChecksThatNeedItsTrees(Runtime unused) {
        // the cases above do exercise both: the comparison leaves out something real
        for (String id : TREE_CHECKS) {
            assertTrue(
                    javacProblems.stream().anyMatch(p -> p.message().startsWith(id)),
                    id + " in " + javacProblems);
        }
    }

    /** javac on the same sources, its Stagehand errors and warnings as ecj's are parsed. */
    private static List<Problem> javacProblems(List<Path> sources) throws IOException {
        List<JavaFileObject> files = new ArrayList<>();
        for (Path source : sources) {
            files.add(JavaFileObjects.forResource(source.toUri().toURL()));
        }
        Compilation compilation = javac().withProcessors(new StageProcessor()).compile(files);
        return sorted(
                compilation.diagnostics().stream()
                        .filter(
                                d ->
                                        d.getKind() == Diagnostic.Kind.ERROR
                                                || d.getKind() == Diagnostic.Kind.WARNING)
                        .map(
                                d ->
                                        new Problem(
                                                d.getSource() == null
                                                        ? ""
                                                        : Path.of(d.getSource().toUri())
                                                                .getFileName()
                                                                .toString(),
                                                d.getLineNumber(),
                                                d.getKind() == Diagnostic.Kind.ERROR
                                                        ? "error"
                                                        : "warning",
                                                d.getMessage(Locale.ROOT)))
                        .filter(Problem::isStagehand)
                        .toList());
    }

    private static List<Problem> sorted(List<Problem> problems) {
        return problems.stream()
                .sorted(
                        Comparator.comparing(Problem::file)
                                .thenComparing(Problem::line)
                                .thenComparing(Problem::message))
                .collect(Collectors.toList());
    }

    private static boolean isGolden(String file) {
        return GOLDEN.stream().anyMatch(owner -> file.equals(owner + ".java"));
    }

    static List<String> sourceNames() {
        List<String> names = new ArrayList<>();
        GOLDEN.forEach(owner -> names.add("golden/" + owner + ".java"));
        ERRORS.forEach(owner -> names.add("eclipse/" + owner + ".java"));
        return names;
    }
}
