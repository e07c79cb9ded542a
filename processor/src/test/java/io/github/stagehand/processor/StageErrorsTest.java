package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.stagehand.annotation.Stage;
import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per diagnostic id in {@link Messages}: each compiles a small owner class that breaks
 * one rule and checks the id, the rule's wording for that stage, and that the diagnostic points at
 * the offending method, parameter, class or annotation value (by a fragment of its line, never a
 * line number).
 */
class StageErrorsTest {

    // --- the stage method on its own ---

    @Test
    void privateStage() {
        JavaFileObject source = owner("Private",
                "public final class Private {",
                "    @Stage",
                "    private static void gen(Out<Integer> out) {}",
                "}");

        assertOnlyError(compile(source), source,
                "[StagePrivate] @Stage method gen is private;", "private static void gen");
        assertThat(compile(source)).hadErrorContaining("Make it package-private or public");
    }

    @Test
    void abstractStage() {
        JavaFileObject source = owner("Abstract",
                "public abstract class Abstract {",
                "    @Stage",
                "    abstract void gen(Out<Integer> out);",
                "}");

        assertOnlyError(compile(source), source,
                "[StageAbstract] @Stage method gen is abstract; a stage needs a body", "abstract void gen");
    }

    @Test
    void genericStage() {
        JavaFileObject source = owner("Generic",
                "public final class Generic {",
                "    @Stage",
                "    static <T> void gen(Out<T> out) {}",
                "}");

        assertOnlyError(compile(source), source,
                "[StageGeneric] @Stage method gen declares type parameters;", "static <T> void gen");
        assertThat(compile(source)).hadErrorContaining("Use concrete types");
    }

    // --- the owner class ---

    @Test
    void ownerPrivate() {
        JavaFileObject source = owner("Outer",
                "public final class Outer {",
                "    private static final class Hidden {",
                "        @Stage",
                "        static void gen(Out<Integer> out) {}",
                "    }",
                "}");

        assertOnlyError(compile(source), source,
                "[StageOwnerPrivate] class Hidden holding @Stage methods is private; the generated"
                        + " Outer_HiddenPipeline cannot reach it",
                "private static final class Hidden");
    }

    @Test
    void ownerLocal() {
        JavaFileObject source = owner("Holder",
                "public final class Holder {",
                "    static void build() {",
                "        class Local {",
                "            @Stage",
                "            static void gen(Out<Integer> out) {}",
                "        }",
                "    }",
                "}");

        assertOnlyError(compile(source), source,
                "[StageOwnerLocal] @Stage methods are declared in a local or anonymous class (Local)",
                "class Local {");
    }

    @Test
    void ownerInner() {
        JavaFileObject source = owner("Outer",
                "public final class Outer {",
                "    final class Inner {",
                "        @Stage",
                "        void gen(Out<Integer> out) {}",
                "    }",
                "}");

        assertOnlyError(compile(source), source,
                "[StageOwnerInner] class Inner holding @Stage methods is an inner class;", "final class Inner");
        assertThat(compile(source)).hadErrorContaining("Make it static");
    }

    @Test
    void ownerGeneric() {
        JavaFileObject source = owner("Box",
                "public final class Box<T> {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "}");

        assertOnlyError(compile(source), source,
                "[StageOwnerGeneric] class Box holding @Stage methods declares type parameters;",
                "class Box<T>");
    }

    // --- annotation values ---

    @Test
    void workersBelowOne() {
        JavaFileObject source = owner("NoWorkers",
                "public final class NoWorkers {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage(workers = 0)",
                "    static int sq(int n) { return n * n; }",
                "}");

        assertOnlyError(compile(source), source,
                "[StageWorkers] sq has workers = 0; a stage needs at least one worker. Use workers = 1 or more",
                "@Stage(workers = 0)");
    }

    @Test
    void negativeBuffer() {
        JavaFileObject source = owner("NegativeBuffer",
                "public final class NegativeBuffer {",
                "    @Stage(buffer = -1)",
                "    static void gen(Out<Integer> out) {}",
                "}");

        assertOnlyError(compile(source), source,
                "[StageBuffer] gen has buffer = -1; a channel's capacity cannot be negative.",
                "@Stage(buffer = -1)");
    }

    @Test
    void workersOnHead() {
        JavaFileObject source = owner("ParallelHead",
                "public final class ParallelHead {",
                "    @Stage(workers = 2)",
                "    static void gen(Out<Integer> out) {}",
                "}");

        assertOnlyError(compile(source), source,
                "[StageWorkersShape] gen is a head stage with more than one worker; each worker would"
                        + " run the whole head. Use workers = 1",
                "@Stage(workers = 2)");
    }

    @Test
    void orderedStream() {
        JavaFileObject source = owner("OrderedStream",
                "public final class OrderedStream {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage(workers = 2, ordered = true)",
                "    static void batch(In<Integer> in, Out<Integer> out) {}",
                "}");

        assertOnlyError(compile(source), source,
                "[StageOrderedShape] batch is a stream stage with ordered = true; only map and flat"
                        + " stages",
                "ordered = true");
    }

    @Test
    void orderedSingleWorkerIsAWarning() {
        JavaFileObject source = owner("OrderedOne",
                "public final class OrderedOne {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage(ordered = true)",
                "    static int sq(int n) { return n * n; }",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining(
                        "[StageOrderedSingleWorker] sq has ordered = true but one worker; a single"
                                + " worker keeps order anyway. Remove ordered, or add workers")
                .inFile(source)
                .onLineContaining("@Stage(ordered = true)");
        assertThat(compilation).generatedSourceFile("test.OrderedOnePipeline");
    }

    // --- parameters and shapes ---

    @Test
    void rawChannel() {
        JavaFileObject source = owner("Raw",
                "public final class Raw {",
                "    @Stage",
                "    static void gen(",
                "            Done done,",
                "            Out<?> wildcardOut) {}",
                "}");

        assertOnlyError(compile(source), source,
                "[StageRawChannel] parameter wildcardOut of gen has no concrete element type;",
                "Out<?> wildcardOut");
    }

    @Test
    void twoOuts() {
        JavaFileObject source = owner("TwoOuts",
                "public final class TwoOuts {",
                "    @Stage",
                "    static void gen(Out<Integer> evens, Out<Integer> odds) {}",
                "}");

        assertOnlyError(compile(source), source,
                "[StageChannelCount] gen takes more than one In or more than one Out;",
                "static void gen(Out<Integer> evens");
        assertThat(compile(source)).hadErrorContaining("Split it into stages");
    }

    @Test
    void outAndReturn() {
        JavaFileObject source = owner("OutAndReturn",
                "public final class OutAndReturn {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage",
                "    static int sq(int n, Out<Integer> out) { return n * n; }",
                "}");

        assertOnlyError(compile(source), source,
                "[StageOutAndReturn] sq takes Out and also returns a value;", "static int sq(");
        assertThat(compile(source)).hadErrorContaining("Make it void, or drop the Out parameter");
    }

    @Test
    void headWithoutOut() {
        JavaFileObject source = owner("NoHead",
                "public final class NoHead {",
                "    @Stage",
                "    static int sq(int n) { return n * n; }",
                "}");

        assertOnlyError(compile(source), source,
                "[StageHeadShape] sq is the first stage, the head, so it must emit through an Out<R>"
                        + " parameter",
                "static int sq(int n)");
        assertThat(compile(source)).hadErrorContaining("Write it as void sq(Out<R> out, ...inputs)");
    }

    @Test
    void middleStageWithTwoInputs() {
        JavaFileObject source = owner("TwoInputs",
                "public final class TwoInputs {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage",
                "    static int scale(int n, int factor) { return n * factor; }",
                "}");

        assertOnlyError(compile(source), source,
                "[StageInputCount] scale must take exactly one input:", "static int scale(");
        assertThat(compile(source)).hadErrorContaining("pass the rest through the head");
    }

    @Test
    void voidMiddleStage() {
        JavaFileObject source = owner("Silent",
                "public final class Silent {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage",
                "    static void log(int n) {}",
                "}");

        assertOnlyError(compile(source), source,
                "[StageEmitsNothing] log is void and takes no Out, so it emits nothing to the next stage.",
                "static void log(int n)");
    }

    // --- the chain ---

    @Test
    void stageAfterSink() {
        JavaFileObject source = owner("AfterSink",
                "public final class AfterSink {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage",
                "    static int sum(In<Integer> in) { return 0; }",
                "",
                "    @Stage",
                "    static int twice(int n) { return 2 * n; }",
                "}");

        assertOnlyError(compile(source), source,
                "[StageAfterSink] twice comes after the sink sum,", "static int twice(");
        assertThat(compile(source)).hadErrorContaining("Move the sink last, or make it a stream stage");
    }

    @Test
    void duplicateName() {
        JavaFileObject source = owner("Overloads",
                "public final class Overloads {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage",
                "    static int sq(int n) { return n * n; }",
                "",
                "    @Stage",
                "    static int sq(Integer n) { return n * n; }",
                "}");

        assertOnlyError(compile(source), source,
                "[StageDuplicateName] there is already a stage named sq in this class;",
                "static int sq(Integer n)");
        assertThat(compile(source)).hadErrorContaining("Rename one of them");
    }

    @Test
    void typeMismatch() {
        JavaFileObject source = owner("Mismatch",
                "public final class Mismatch {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage",
                "    static int sq(",
                "            String text) { return text.length(); }",
                "}");

        assertOnlyError(compile(source), source,
                "[StageTypeMismatch] sq takes java.lang.String but gen emits java.lang.Integer;"
                        + " neighbouring stages must agree on the element type",
                "String text");
    }

    @Test
    void unresolvedType() {
        JavaFileObject source = owner("Unresolved",
                "public final class Unresolved {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage",
                "    static int sq(NoSuchType value) { return 0; }",
                "}");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageUnresolvedType] a type in the signature of sq could not be resolved,"
                                + " so its pipeline was not generated")
                .inFile(source)
                .onLineContaining("static int sq(NoSuchType value)");
        assertThat(compilation).hadErrorContaining("cannot find symbol");
        assertEquals(1, countErrorsContaining(compilation, "[StageUnresolvedType]"));
        assertTrue(compilation.generatedSourceFiles().isEmpty());
    }

    @Test
    void runtimeMissingFromClassPath() throws URISyntaxException {
        JavaFileObject source = owner("NoRuntime",
                "public final class NoRuntime {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "}");
        File annotationsOnly = new File(Stage.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        Compilation compilation =
                javac().withProcessors(new StageProcessor()).withClasspath(List.of(annotationsOnly)).compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageRuntimeMissing] io.github.stagehand.runtime is not on the compile class path;")
                .inFile(source)
                .onLineContaining("public final class NoRuntime");
        assertThat(compilation).hadErrorContaining("Add the stagehand-runtime dependency");
        assertEquals(1, countErrorsContaining(compilation, "[Stage"));
    }

    // --- the processor itself ---

    @Test
    void crashBecomesOneError() {
        JavaFileObject source = owner("Crash",
                "public final class Crash {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "}");

        Compilation compilation =
                javac().withProcessors(new StageProcessor(model -> {
                            throw new IllegalStateException("boom");
                        }))
                        .compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageProcessorCrash] Stagehand failed on test.Crash with"
                                + " java.lang.IllegalStateException: boom; no pipeline was generated for it")
                .inFile(source)
                .onLineContaining("public final class Crash");
        assertTrue(compilation.generatedSourceFiles().isEmpty(), "no pipeline source");
        assertTrue(compilation.generatedFiles().isEmpty(), "no generated file at all");
    }

    @Test
    void errorInOneOwnerDoesNotStopAnother() {
        JavaFileObject bad = owner("Bad",
                "public final class Bad {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage(workers = -3)",
                "    static int sq(int n) { return n * n; }",
                "}");
        JavaFileObject good = owner("Good",
                "public final class Good {",
                "    @Stage",
                "    static void gen(Out<Integer> out, int... nums) {",
                "        for (int n : nums) {",
                "            out.send(n);",
                "        }",
                "    }",
                "",
                "    @Stage(workers = 2)",
                "    static int sq(int n) { return n * n; }",
                "}");

        Compilation compilation = compile(bad, good);

        assertOnlyError(compilation, bad, "[StageWorkers] sq has workers = -3;", "@Stage(workers = -3)");
        assertThat(compilation).generatedSourceFile("test.GoodPipeline");
        assertTrue(
                compilation.generatedSourceFiles().stream().noneMatch(f -> f.getName().contains("BadPipeline")),
                "no pipeline for the owner with an error");
    }

    @Test
    void validPipelineHasNoWarnings() {
        JavaFileObject source = owner("Clean",
                "public final class Clean {",
                "    @Stage",
                "    static void gen(Out<Integer> out, int... nums) {",
                "        for (int n : nums) {",
                "            out.send(n);",
                "        }",
                "    }",
                "",
                "    @Stage(workers = 2, ordered = true, buffer = 4)",
                "    static int sq(int n) { return n * n; }",
                "",
                "    @Stage",
                "    static void pairs(int n, Out<String> out) {",
                "        out.send(n + \"a\");",
                "        out.send(n + \"b\");",
                "    }",
                "",
                "    @Stage",
                "    static long count(In<String> in, Done done) {",
                "        long count = 0;",
                "        for (String s : in) {",
                "            count++;",
                "        }",
                "        return count;",
                "    }",
                "}");

        // -processing would only say that nobody claims @Stage, which is deliberate
        Compilation compilation = javac().withProcessors(new StageProcessor())
                .withOptions("-Xlint:all,-processing", "-Werror")
                .compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(0);
        assertThat(compilation).generatedSourceFile("test.CleanPipeline");
    }

    // --- helpers ---

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new StageProcessor()).compile(sources);
    }

    /** {@code test.<name>} in package {@code test}, importing {@code @Stage} and the runtime. */
    private static JavaFileObject owner(String name, String... body) {
        List<String> lines = new ArrayList<>(List.of(
                "package test;",
                "",
                "import io.github.stagehand.annotation.Stage;",
                "import io.github.stagehand.runtime.*;",
                ""));
        lines.addAll(List.of(body));
        return JavaFileObjects.forSourceLines("test." + name, lines);
    }

    /**
     * Asserts that the compilation failed with exactly one error, which contains {@code message}
     * and is reported on the one line of {@code source} containing {@code line}.
     */
    private static void assertOnlyError(Compilation compilation, JavaFileObject source, String message, String line) {
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    }

    private static long countErrorsContaining(Compilation compilation, String fragment) {
        return compilation.errors().stream()
                .filter(d -> d.getMessage(null).contains(fragment))
                .count();
    }
}
