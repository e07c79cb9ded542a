package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.stagehand.processor.DiagnosticAssertions.assertErrorOn;
import static io.github.stagehand.processor.DiagnosticAssertions.assertOnlyError;
import static io.github.stagehand.processor.TestSources.owner;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.stagehand.annotation.Stage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per diagnostic id in {@link Messages}: each compiles a small owner class that breaks one
 * rule and checks the id, the rule's wording for that stage, and that the diagnostic points at the
 * offending method, parameter, class or annotation value (by a fragment of its line, never a line
 * number).
 */
class StageErrorsTest {

    // --- the stage method on its own ---

    @Test
    void privateStage() {
        JavaFileObject source =
                owner(
                        "Private",
                        "public final class Private {",
                        "    @Stage",
                        "    private static void gen(Out<Integer> out) {}",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StagePrivate] @Stage method gen is private;",
                "private static void gen");
        assertThat(compilation).hadErrorContaining("Make it package-private or public");
    }

    @Test
    void abstractStage() {
        JavaFileObject source =
                owner(
                        "Abstract",
                        "public abstract class Abstract {",
                        "    @Stage",
                        "    abstract void gen(Out<Integer> out);",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageAbstract] @Stage method gen is abstract; a stage needs a body",
                "abstract void gen");
    }

    @Test
    void genericStage() {
        JavaFileObject source =
                owner(
                        "Generic",
                        "public final class Generic {",
                        "    @Stage",
                        "    static <T> void gen(Out<T> out) {}",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageGeneric] @Stage method gen declares type parameters;",
                "static <T> void gen");
        assertThat(compilation).hadErrorContaining("Use concrete types");
    }

    // --- the owner class ---

    @Test
    void ownerPrivate() {
        JavaFileObject source =
                owner(
                        "Outer",
                        "public final class Outer {",
                        "    private static final class Hidden {",
                        "        @Stage",
                        "        static void gen(Out<Integer> out) {}",
                        "    }",
                        "",
                        "    private static final class Vault {",
                        "        static final class Deep {",
                        "            @Stage",
                        "            static void gen(Out<Integer> out) {}",
                        "        }",
                        "    }",
                        "}");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageOwnerPrivate] class Hidden holding @Stage methods is private; the generated"
                                + " Outer_HiddenPipeline cannot reach it. Make Hidden package-private or public")
                .inFile(source)
                .onLineContaining("private static final class Hidden");
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageOwnerPrivate] class Deep holding @Stage methods is nested in the private"
                                + " class Vault; the generated Outer_Vault_DeepPipeline cannot reach it."
                                + " Make Vault package-private or public")
                .inFile(source)
                .onLineContaining("static final class Deep");
    }

    /**
     * javac never shows processors the elements of local or anonymous classes; the processor finds
     * them in the syntax trees instead. javac runs the processor only when it sees some
     * {@code @Stage} (or generated code), so each test compiles a valid pipeline alongside, as any
     * project that uses Stagehand has.
     */
    @Test
    void ownerLocal() {
        JavaFileObject source =
                owner(
                        "Holder",
                        "public final class Holder {",
                        "    static void build() {",
                        "        class Local {",
                        "            @Stage",
                        "            static void gen(Out<Integer> out) {}",
                        "        }",
                        "    }",
                        "}");

        Compilation compilation = compile(source, validPipeline());

        assertOnlyError(
                compilation,
                source,
                "[StageOwnerLocal] @Stage methods are declared in a local or anonymous class (Local);",
                "class Local {");
        assertThat(compilation)
                .hadErrorContaining("Move them to a top-level or static nested class");
    }

    @Test
    void ownerAnonymous() {
        JavaFileObject source =
                owner(
                        "Holder",
                        "public final class Holder {",
                        "    static final Object SOURCE = new Object() {",
                        "        @Stage",
                        "        void gen(Out<Integer> out) {}",
                        "    };",
                        "}");

        Compilation compilation = compile(source, validPipeline());

        assertOnlyError(
                compilation,
                source,
                "[StageOwnerLocal] @Stage methods are declared in a local or anonymous class (anonymous);",
                "new Object() {");
    }

    @Test
    void ownerNamedLikeANestedClassOfItsPipelineInTheDefaultPackage() {
        JavaFileObject source =
                JavaFileObjects.forSourceLines(
                        "Output",
                        "import io.github.stagehand.annotation.Stage;",
                        "import io.github.stagehand.runtime.*;",
                        "",
                        "public final class Output {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageOwnerName] class Output is in the default package and named like a class nested in its"
                        + " generated pipeline (OutputPipeline.Output)",
                "public final class Output {");
        assertThat(compilation).hadErrorContaining("Move it into a package, or rename it");
    }

    @Test
    void ownerInner() {
        JavaFileObject source =
                owner(
                        "Outer",
                        "public final class Outer {",
                        "    final class Inner {",
                        "        @Stage",
                        "        void gen(Out<Integer> out) {}",
                        "    }",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageOwnerInner] class Inner holding @Stage methods is an inner class;",
                "final class Inner");
        assertThat(compilation).hadErrorContaining("Make it static");
    }

    @Test
    void ownerGeneric() {
        JavaFileObject source =
                owner(
                        "Box",
                        "public final class Box<T> {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageOwnerGeneric] class Box holding @Stage methods declares type parameters;",
                "class Box<T>");
    }

    // --- annotation values ---

    @Test
    void workersBelowOne() {
        JavaFileObject source =
                owner(
                        "NoWorkers",
                        "public final class NoWorkers {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(workers = 0)",
                        "    static int sq(int n) { return n * n; }",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageWorkers] sq has workers = 0; a stage needs at least one worker. Use workers = 1 or more",
                "@Stage(workers = 0)");
    }

    @Test
    void negativeBuffer() {
        JavaFileObject source =
                owner(
                        "NegativeBuffer",
                        "public final class NegativeBuffer {",
                        "    @Stage(buffer = -1)",
                        "    static void gen(Out<Integer> out) {}",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageBuffer] gen has buffer = -1; a channel's capacity cannot be negative.",
                "@Stage(buffer = -1)");
    }

    @Test
    void workersOnHead() {
        JavaFileObject source =
                owner(
                        "ParallelHead",
                        "public final class ParallelHead {",
                        "    @Stage(workers = 2)",
                        "    static void gen(Out<Integer> out) {}",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageWorkersShape] gen is a head stage with more than one worker; each worker would"
                        + " run the whole head. Use workers = 1",
                "@Stage(workers = 2)");
    }

    @Test
    void orderedStream() {
        JavaFileObject source =
                owner(
                        "OrderedStream",
                        "public final class OrderedStream {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(workers = 2, ordered = true)",
                        "    static void batch(In<Integer> in, Out<Integer> out) {}",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageOrderedShape] batch is a stream stage with ordered = true; only map and flat"
                        + " stages",
                "ordered = true");
    }

    /** Workers can be raised at run time, and then ordered is what keeps the order. */
    @Test
    void orderedOnOneWorkerIsNoMistake() {
        JavaFileObject source =
                owner(
                        "OrderedOne",
                        "public final class OrderedOne {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(ordered = true)",
                        "    static int sq(int n) { return n * n; }",
                        "}");

        assertCompilesQuietly(source, "test.OrderedOnePipeline");
    }

    // --- parameters and shapes ---

    @Test
    void rawChannel() {
        JavaFileObject source =
                owner(
                        "Raw",
                        "public final class Raw {",
                        "    @Stage",
                        "    static void gen(",
                        "            Done done,",
                        "            Out<?> wildcardOut) {}",
                        "",
                        "    @Stage",
                        "    @SuppressWarnings(\"rawtypes\")",
                        "    static void batch(",
                        "            In rawIn,",
                        "            Out<Integer> out) {}",
                        "}");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageRawChannel] parameter wildcardOut of gen has no concrete element type;")
                .inFile(source)
                .onLineContaining("Out<?> wildcardOut");
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageRawChannel] parameter rawIn of batch has no concrete element type; the"
                                + " generated channel needs one. Write In<T> or Out<T> with a type such as"
                                + " In<String>, not a raw type or a wildcard")
                .inFile(source)
                .onLineContaining("In rawIn");
    }

    @Test
    void aJoinWithoutFrom() {
        JavaFileObject source =
                owner(
                        "TwoIns",
                        "public final class TwoIns {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static long zip(In<Integer> left, In<Integer> right) { return 0; }",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageJoinArity] zip takes 2 In parameters, a join, but from names none; a join"
                        + " binds its Ins, in order, to the names in from, one each",
                "static long zip(");
    }

    @Test
    void outAndReturn() {
        JavaFileObject source =
                owner(
                        "OutAndReturn",
                        "public final class OutAndReturn {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static int sq(int n, Out<Integer> out) { return n * n; }",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageOutAndReturn] sq takes Out and also returns a value;",
                "static int sq(");
        assertThat(compilation).hadErrorContaining("Make it void, or drop the Out parameter");
    }

    @Test
    void headWithoutOut() {
        JavaFileObject source =
                owner(
                        "NoHead",
                        "public final class NoHead {",
                        "    @Stage",
                        "    static int sq(int n) { return n * n; }",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageHeadShape] sq is the first stage, the head, so it must emit through an Out<R>"
                        + " parameter",
                "static int sq(int n)");
        assertThat(compilation).hadErrorContaining("Write it as void sq(Out<R> out, ...inputs)");
    }

    @Test
    void middleStageWithTwoInputs() {
        JavaFileObject source =
                owner(
                        "TwoInputs",
                        "public final class TwoInputs {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static int scale(int n, int factor) { return n * factor; }",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageInputCount] scale must take exactly one input:",
                "static int scale(");
        assertThat(compilation).hadErrorContaining("pass the rest through the head");
    }

    /**
     * Without the rule, {@code flat} wires numbers -> label -> words -> upper, words read as a flat
     * stage; {@code varargs} would get a type mismatch about {@code String[]} instead.
     */
    @Test
    void secondHead() {
        JavaFileObject flat =
                owner(
                        "TwoHeads",
                        "public final class TwoHeads {",
                        "    @Stage",
                        "    static void numbers(Out<Integer> out, int n) {",
                        "        for (int i = 0; i < n; i++) out.send(i);",
                        "    }",
                        "",
                        "    @Stage",
                        "    static String label(int n) { return \"n\" + n; }",
                        "",
                        "    @Stage",
                        "    static void words(Out<String> out, String sentence) {",
                        "        for (String w : sentence.split(\" \")) out.send(w);",
                        "    }",
                        "",
                        "    @Stage",
                        "    static String upper(String s) { return s.toUpperCase(); }",
                        "}");
        JavaFileObject varargs =
                owner(
                        "TwoHeadsVarargs",
                        "public final class TwoHeadsVarargs {",
                        "    @Stage",
                        "    static void numbers(Out<Integer> out, int n) {}",
                        "",
                        "    @Stage",
                        "    static void sentences(Done done, Out<String> out, String... texts) {}",
                        "}");

        Compilation compilation = compile(flat, varargs);

        assertThat(compilation).hadErrorCount(2);
        assertErrorOn(
                compilation,
                flat,
                "[StageSecondHead] words takes an Out before any value, which makes it a head, but"
                        + " numbers is already the head of this class and one class holds one"
                        + " pipeline. Move words to its own class (a static nested class works), or,"
                        + " to make it a flat stage that follows the others, take the value first:"
                        + " void words(T value, Out<R> out)",
                "static void words(");
        // checked before the types: not a bare [StageTypeMismatch] about String[]
        assertErrorOn(
                compilation,
                varargs,
                "[StageSecondHead] sentences takes an Out before any value",
                "static void sentences(");
    }

    @Test
    void voidMiddleStage() {
        JavaFileObject source =
                owner(
                        "Silent",
                        "public final class Silent {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static void log(int n) {}",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageEmitsNothing] log is void and takes no Out, so it emits nothing to the next stage.",
                "static void log(int n)");
        assertThat(compilation)
                .hadErrorContaining(
                        "as the last stage, take the stream as an In<T> (a sink: R log(In<T> in)"
                                + " returns the pipeline's result, void log(In<T> in) consumes it)");
    }

    // --- the chain ---

    @Test
    void stageAfterSink() {
        JavaFileObject valued =
                owner(
                        "AfterSink",
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
        // a void sink is a sink too, not a stage that emits nothing
        JavaFileObject forEach =
                owner(
                        "AfterVoidSink",
                        "public final class AfterVoidSink {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static void print(In<Integer> in) {}",
                        "",
                        "    @Stage",
                        "    static int twice(int n) { return 2 * n; }",
                        "}");

        Compilation compilation = compile(valued, forEach);

        assertThat(compilation).hadErrorCount(2);
        assertErrorOn(
                compilation,
                valued,
                "[StageAfterSink] twice comes after the sink sum,",
                "static int twice(");
        assertErrorOn(
                compilation,
                forEach,
                "[StageAfterSink] twice comes after the sink print,",
                "static int twice(");
        assertThat(compilation).hadErrorContaining("Move the sink last, or make it a stream stage");
    }

    @Test
    void duplicateName() {
        JavaFileObject source =
                owner(
                        "Overloads",
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

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageDuplicateName] there is already a stage named sq in this class;",
                "static int sq(Integer n)");
        assertThat(compilation).hadErrorContaining("Rename one of them");
    }

    @Test
    void typeMismatch() {
        JavaFileObject map =
                owner(
                        "Mismatch",
                        "public final class Mismatch {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static int sq(",
                        "            String text) { return text.length(); }",
                        "}");
        JavaFileObject sink =
                owner(
                        "SinkMismatch",
                        "public final class SinkMismatch {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static int total(",
                        "            In<Number> numbers) { return 0; }",
                        "}");

        Compilation compilation = compile(map, sink);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageTypeMismatch] sq takes java.lang.String but gen emits java.lang.Integer;"
                                + " neighbouring stages must agree on the element type. Change sq's input"
                                + " or gen's output")
                .inFile(map)
                .onLineContaining("String text");
        // an In<T> must match exactly: the generated code hands over the previous stage's channel
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageTypeMismatch] total takes In<java.lang.Number> but gen emits"
                                + " java.lang.Integer; an In<T> names exactly the previous stage's"
                                + " element type, because the generated code hands it that stage's"
                                + " channel (only a map or flat stage's value parameter accepts a"
                                + " supertype). Write In<java.lang.Integer>, or change gen's output")
                .inFile(sink)
                .onLineContaining("In<Number> numbers");
    }

    @Test
    void unresolvedType(@TempDir Path output) {
        JavaFileObject source =
                owner(
                        "Unresolved",
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
        assertThat(compilation).hadErrorContaining("cannot find symbol"); // javac's own
        assertEquals(1, countErrorsContaining(compilation, "[Stage"));
        assertEquals(List.of(), filesGenerated(output, new StageProcessor(), source));
    }

    @Test
    void runtimeMissingFromClassPath() {
        JavaFileObject source =
                owner(
                        "NoRuntime",
                        "public final class NoRuntime {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "}");

        // the annotations jar (or classes directory) alone, as when a build forgets
        // stagehand-runtime
        Compilation compilation =
                javac().withProcessors(new StageProcessor())
                        .withClasspath(List.of(annotationsOnly()))
                        .compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageRuntimeMissing] io.github.stagehand.runtime is not on the compile class path;")
                .inFile(source)
                .onLineContaining("public final class NoRuntime");
        assertThat(compilation).hadErrorContaining("Add the stagehand-runtime dependency");
        assertThat(compilation)
                .hadErrorContaining(
                        "package io.github.stagehand.runtime does not exist"); // javac's own
        assertEquals(
                1,
                countErrorsContaining(compilation, "[Stage"),
                "ours replaces StageUnresolvedType");
    }

    // --- stage bodies ---

    @Test
    void catchingThrowableOrErrorAroundAChannelIsAWarning() {
        JavaFileObject source =
                owner(
                        "Swallows",
                        "public final class Swallows {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {",
                        "        for (int i = 0; ; i++) {",
                        "            try {",
                        "                out.send(i);",
                        "            } catch (Throwable t) {",
                        "                System.err.println(t);",
                        "            }",
                        "        }",
                        "    }",
                        "",
                        "    @Stage",
                        "    static long count(In<Integer> in) {",
                        "        long count = 0;",
                        "        try {",
                        "            for (int n : in) count += n;",
                        "        } catch (IllegalStateException | Error e) {",
                        "            count = -1;",
                        "        }",
                        "        return count;",
                        "    }",
                        "}");

        Compilation compilation = compile(source);

        // a warning: the pipeline is still generated, and -Werror builds fail as they should
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(2);
        assertThat(compilation)
                .hadWarningContaining(
                        "[StageCatchesCancel] gen catches Throwable around out.send(...) and does not"
                                + " rethrow it; catching Throwable, Error or CancelledException there also"
                                + " catches the CancelledException that ends the stage when done closes, so"
                                + " the stage carries on and the pipeline's close() or run() waits for it"
                                + " forever. Catch the specific exceptions you expect (for example"
                                + " IOException), or rethrow cancellation first: catch"
                                + " (CancelledException e) { throw e; }")
                .inFile(source)
                .onLineContaining("catch (Throwable t)");
        assertThat(compilation)
                .hadWarningContaining(
                        "[StageCatchesCancel] count catches Error around the for loop over in and")
                .inFile(source)
                .onLineContaining("catch (IllegalStateException | Error e)");
        assertThat(compilation).generatedSourceFile("test.SwallowsPipeline");
    }

    /** CancelledException is an Error: catching Exception lets it pass. */
    @Test
    void catchingExceptionAroundAChannelIsFine() {
        JavaFileObject source =
                owner(
                        "CatchesException",
                        "public final class CatchesException {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {",
                        "        try {",
                        "            out.send(1);",
                        "        } catch (Exception e) {",
                        "            System.err.println(e);",
                        "        }",
                        "    }",
                        "",
                        "    @Stage",
                        "    static int first(In<Integer> in) {",
                        "        try {",
                        "            return in.receive();",
                        "        } catch (RuntimeException e) {",
                        "            return -1;",
                        "        }",
                        "    }",
                        "}");

        assertCompilesQuietly(source, "test.CatchesExceptionPipeline");
    }

    @Test
    void aCatchThatIsMeantCanBeSuppressed() {
        JavaFileObject source =
                owner(
                        "Meant",
                        "public final class Meant {",
                        "    @Stage",
                        "    @SuppressWarnings(\"StageCatchesCancel\")",
                        "    static void gen(Out<Integer> out) {",
                        "        try {",
                        "            out.send(1);",
                        "        } catch (Throwable t) {",
                        "            System.err.println(t);",
                        "        }",
                        "    }",
                        "}");

        assertCompilesQuietly(source, "test.MeantPipeline");
    }

    @Test
    void aVoidSinkIsTheLastStageAndRunReturnsVoid() {
        JavaFileObject source =
                owner(
                        "Printer",
                        "public final class Printer {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out, int n) {}",
                        "",
                        "    @Stage",
                        "    static void print(In<Integer> in) {",
                        "        for (int v : in) System.out.println(v);",
                        "    }",
                        "}");

        assertCompilesQuietly(source, "test.PrinterPipeline");
    }

    @Test
    void rethrowingCancellationIsFine() {
        JavaFileObject source =
                owner(
                        "Rethrows",
                        "public final class Rethrows {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {",
                        "        try {",
                        "            out.send(1);",
                        "        } catch (CancelledException e) {",
                        "            throw e;",
                        "        } catch (Throwable t) {",
                        "            System.err.println(t);",
                        "        }",
                        "    }",
                        "",
                        "    @Stage",
                        "    static void copy(In<Integer> in, Out<Integer> out) {",
                        "        try {",
                        "            in.forEach(out::send);",
                        "        } catch (Error e) {",
                        "            System.err.println(e);",
                        "            throw e;",
                        "        }",
                        "    }",
                        "}");

        assertCompilesQuietly(source, "test.RethrowsPipeline");
    }

    // --- the processor itself ---

    @Test
    void crashBecomesOneError(@TempDir Path output) {
        JavaFileObject source =
                owner(
                        "Crash",
                        "public final class Crash {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "}");
        Consumer<PipelineModel> boom =
                model -> {
                    throw new IllegalStateException("boom");
                };

        Compilation compilation = javac().withProcessors(new StageProcessor(boom)).compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageProcessorCrash] Stagehand failed on test.Crash with"
                                + " java.lang.IllegalStateException: boom; no pipeline was generated for it")
                .inFile(source)
                .onLineContaining("public final class Crash");
        assertEquals(List.of(), filesGenerated(output, new StageProcessor(boom), source));
    }

    @Test
    void errorInOneOwnerDoesNotStopAnother(@TempDir Path output) {
        JavaFileObject bad =
                owner(
                        "Bad",
                        "public final class Bad {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(workers = -3)",
                        "    static int sq(int n) { return n * n; }",
                        "}");
        JavaFileObject good =
                owner(
                        "Good",
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

        assertOnlyError(
                compilation, bad, "[StageWorkers] sq has workers = -3;", "@Stage(workers = -3)");
        // compile-testing hides generated files once a compilation failed: look on disk instead
        assertEquals(
                List.of("test/GoodPipeline.java"),
                filesGenerated(output, new StageProcessor(), bad, good));
    }

    @Test
    void validPipelineHasNoWarnings() {
        JavaFileObject source =
                owner(
                        "Clean",
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

        Compilation compilation =
                javac().withProcessors(new StageProcessor())
                        .withOptions("-Xlint:all", "-Werror")
                        .compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(0);
        assertThat(compilation).generatedSourceFile("test.CleanPipeline");
    }

    // --- helpers ---

    private static JavaFileObject validPipeline() {
        return owner(
                "Valid",
                "public final class Valid {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "}");
    }

    /**
     * Asserts that {@code source} compiles under {@code -Xlint:all -Werror} with no diagnostic at
     * all, and that {@code pipeline} is generated.
     */
    private static void assertCompilesQuietly(JavaFileObject source, String pipeline) {
        Compilation compilation =
                javac().withProcessors(new StageProcessor())
                        .withOptions("-Xlint:all", "-Werror")
                        .compile(source);

        assertThat(compilation).succeeded();
        assertEquals(List.of(), compilation.diagnostics());
        assertThat(compilation).generatedSourceFile(pipeline);
    }

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new StageProcessor()).compile(sources);
    }

    /**
     * Runs javac with {@code processor} on {@code sources}, writing under the empty directory
     * {@code output}, and returns the generated files (sources and classes) by path, sorted: what a
     * failed compile-testing {@link Compilation} will not show.
     */
    private static List<String> filesGenerated(
            Path output, Processor processor, JavaFileObject... sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files =
                compiler.getStandardFileManager(null, Locale.ROOT, UTF_8)) {
            Path sourceOutput = Files.createDirectories(output.resolve("sources"));
            Path classOutput = Files.createDirectories(output.resolve("classes"));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(sourceOutput));
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classOutput));
            JavaCompiler.CompilationTask task =
                    compiler.getTask(
                            Writer.nullWriter(),
                            files,
                            diagnostic -> {},
                            List.of(),
                            null,
                            List.of(sources));
            task.setProcessors(List.of(processor));
            task.call();
            List<String> generated = new ArrayList<>();
            for (Path root : List.of(sourceOutput, classOutput)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile)
                            .map(
                                    path ->
                                            root.relativize(path)
                                                    .toString()
                                                    .replace(File.separatorChar, '/'))
                            .forEach(generated::add);
                }
            }
            Collections.sort(generated);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File annotationsOnly() {
        try {
            return new File(
                    Stage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long countErrorsContaining(Compilation compilation, String fragment) {
        return compilation.errors().stream()
                .filter(d -> d.getMessage(null).contains(fragment))
                .count();
    }
}
