package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.stagehand.processor.TestSources.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Signatures the processor accepts but once generated code for that did not compile, warned under
 * {@code -Xlint:all}, or crashed the processor; each was found by the processor fuzzer or the
 * randomized pipelines ({@code reliability} package) and is pinned here.
 */
class GeneratedCodeEdgeCasesTest {

    private static Compilation compile(JavaFileObject source) {
        return javac().withProcessors(new StageProcessor())
                .withOptions("-Xlint:all", "-Werror")
                .compile(source);
    }

    @Test
    void aStartPipelineWhoseStageThrowsThrowableCompiles() {
        // Output.close() cannot declare Throwable (AutoCloseable.close() throws Exception)
        Compilation compilation =
                compile(
                        owner(
                                "Anything",
                                "public final class Anything {",
                                "    @Stage",
                                "    static void gen(Out<Integer> out) throws Throwable {}",
                                "}"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aStartPipelineWhoseStageMayBeInterruptedHasNoTryWarning() {
        // -Xlint:try warns on an AutoCloseable whose close() may throw InterruptedException
        Compilation compilation =
                compile(
                        owner(
                                "Sleepy",
                                "public final class Sleepy {",
                                "    @Stage",
                                "    static void gen(Out<Integer> out) throws InterruptedException {}",
                                "",
                                "    @Stage",
                                "    static int slow(int n) throws Exception { return n; }",
                                "}"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void namesTheGeneratedCodeUsesForItsFieldsAreFreeForArgumentsParametersAndStages() {
        // head arguments named like the builder's fields used to shadow them (an Instant deadline
        // became the pipeline's deadline, a String parent did not compile)
        Compilation compilation =
                compile(
                        owner(
                                "Shadows",
                                "public final class Shadows {",
                                "    @Stage",
                                "    void gen(Out<Long> out, String parent, java.time.Instant deadline, int genBuffer, String owner) {}",
                                "",
                                "    @Stage",
                                "    long owner(Long owner, Done done) { return owner; }",
                                "",
                                "    @Stage(workers = 2)",
                                "    void Failures(long ownerWorkers, Out<Long> out) {}",
                                "",
                                "    @Stage",
                                "    long total(In<Long> in) { return 0; }",
                                "}"));

        assertThat(compilation).succeededWithoutWarnings();
        String generated = generated(compilation, "test.ShadowsPipeline");
        // the run-wide options live in PipelineBuilder: an argument may take their names
        assertEquals(
                true, generated.contains("StageScope.open(\"ShadowsPipeline\", this)"), generated);
        assertEquals(
                true,
                generated.contains(
                        "run(String parent, Instant deadline, int genBuffer, String owner_)"),
                generated);
    }

    @Test
    void aDeprecatedStageOrOwnerLeavesTheGeneratedCodeWarningFree() {
        Compilation compilation =
                compile(
                        owner(
                                "Old",
                                "@Deprecated",
                                "public final class Old {",
                                "    @Stage",
                                "    static void gen(Out<Integer> out) {}",
                                "",
                                "    @Deprecated(forRemoval = true)",
                                "    @Stage",
                                "    static int sq(int n) { return n * n; }",
                                "}"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void anAttributeThatDoesNotResolveIsLeftToJavacInsteadOfCrashingTheProcessor() {
        Compilation compilation =
                javac().withProcessors(new StageProcessor())
                        .compile(
                                owner(
                                        "Unresolved",
                                        "public final class Unresolved {",
                                        "    @Stage(ordered = Missing.ORDERED, workers = Missing.WORKERS)",
                                        "    static void gen(Out<Integer> out) {}",
                                        "}"));

        assertThat(compilation).failed();
        assertEquals(
                List.of(),
                compilation.errors().stream()
                        .map(d -> d.getMessage(null))
                        .filter(m -> m.startsWith("[Stage"))
                        .toList());
        assertThat(compilation).hadErrorContaining("cannot find symbol");
    }

    private static String generated(Compilation compilation, String name) {
        try {
            return compilation
                    .generatedSourceFile(name)
                    .orElseThrow()
                    .getCharContent(false)
                    .toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
