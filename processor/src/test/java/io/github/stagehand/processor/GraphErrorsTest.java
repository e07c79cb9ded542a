package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.stagehand.processor.DiagnosticAssertions.assertErrorOn;
import static io.github.stagehand.processor.DiagnosticAssertions.assertOnlyError;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per diagnostic of a pipeline graph (issue 12): names in {@code from}, ports, ends, and
 * the types on every edge. Each checks the id, the wording of the rule and fix, and the line.
 */
class GraphErrorsTest {

    @Test
    void theHeadTakesNoFrom() {
        JavaFileObject source =
                owner(
                        "HeadFrom",
                        "    @Stage(from = \"sq\")",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static int sq(int n) { return n * n; }");

        assertOnlyError(
                compile(source),
                source,
                "[StageHeadFrom] gen is the head, whose inputs are the arguments of start(...)",
                "@Stage(from = \"sq\")");
    }

    @Test
    void anUnknownNameSuggestsTheNearest() {
        JavaFileObject source =
                owner(
                        "Unknown",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static int parse(int n) { return n; }",
                        "",
                        "    @Stage(from = \"prase\")",
                        "    static long total(In<Integer> in) { return 0; }");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageFromUnknown] total names \"prase\" in from, which is no stage or output"
                        + " declared before it",
                "@Stage(from = \"prase\")");
        assertThat(compilation).hadErrorContaining("Did you mean \"parse\"?");
    }

    @Test
    void aLaterStageCannotBeNamed() {
        JavaFileObject source =
                owner(
                        "Later",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(from = \"late\")",
                        "    static int early(int n) { return n; }",
                        "",
                        "    @Stage",
                        "    static int late(int n) { return n; }");

        assertOnlyError(
                compile(source),
                source,
                "[StageFromLater] early names \"late\" in from, which is declared after it",
                "@Stage(from = \"late\")");
    }

    @Test
    void aSinkHasNoOutputToName() {
        JavaFileObject source =
                owner(
                        "FromSink",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static long total(In<Integer> in) { return 0; }",
                        "",
                        "    @Stage(from = \"total\")",
                        "    static long again(In<Long> in) { return 0; }");

        assertOnlyError(
                compile(source),
                source,
                "[StageFromSink] again names the sink total in from, but a sink has no output",
                "@Stage(from = \"total\")");
    }

    @Test
    void aNameTwiceInFrom() {
        JavaFileObject source =
                owner(
                        "Twice",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(from = {\"gen\", \"gen\"})",
                        "    static long total(In<Integer> in) { return 0; }");

        assertOnlyError(
                compile(source),
                source,
                "[StageFromDuplicate] total names \"gen\" twice in from",
                "@Stage(from = {\"gen\", \"gen\"})");
    }

    @Test
    void aStageWithSeveralOutputsIsNamedByPort() {
        JavaFileObject source =
                owner(
                        "Ambiguous",
                        "    @Stage",
                        "    static void split(Out<Integer> evens, Out<Integer> odds, int n) {}",
                        "",
                        "    @Stage",
                        "    static long evenTotal(In<Integer> in) { return 0; }",
                        "",
                        "    @Stage(from = \"split\")",
                        "    static long oddTotal(In<Integer> in) { return 0; }");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(2);
        assertErrorOn(
                compilation,
                source,
                "[StageFromAmbiguous] evenTotal has no from, so it consumes the previous stage split,"
                        + " which has several outputs (split.evens, split.odds); name the one it"
                        + " consumes: @Stage(from = \"split.evens\")",
                "static long evenTotal(");
        assertErrorOn(
                compilation,
                source,
                "[StageFromAmbiguous] oddTotal names split, which has several outputs",
                "@Stage(from = \"split\")");
    }

    @Test
    void anOutputBesideSinksMustBeConsumed() {
        JavaFileObject source =
                owner(
                        "Unconsumed",
                        "    @Stage",
                        "    static void split(Out<Integer> evens, Out<Integer> odds, int n) {}",
                        "",
                        "    @Stage(from = \"split.evens\")",
                        "    static long evenTotal(In<Integer> in) { return 0; }");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageUnconsumedOutput] the output split.odds is consumed by no stage, while the"
                        + " pipeline ends in the sink evenTotal",
                "static void split(");
        assertThat(compilation).hadErrorContaining("Add a stage with from = \"split.odds\"");
    }

    @Test
    void withoutSinksThereIsOneOpenEnd() {
        JavaFileObject source =
                owner(
                        "OpenEnds",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static int twice(int n) { return 2 * n; }",
                        "",
                        "    @Stage(from = \"gen\")",
                        "    static int thrice(int n) { return 3 * n; }");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(2);
        assertErrorOn(
                compilation,
                source,
                "[StageOpenEnds] the pipeline has no sink and several outputs that no stage"
                        + " consumes (twice, thrice); start(...) returns exactly one open end",
                "static int twice(");
        assertErrorOn(compilation, source, "[StageOpenEnds]", "static int thrice(");
    }

    @Test
    void everyEdgeIsTypeChecked() {
        JavaFileObject source =
                owner(
                        "EdgeTypes",
                        "    @Stage",
                        "    static void split(Out<Integer> numbers, Out<String> words) {}",
                        "",
                        "    @Stage(from = \"split.words\")",
                        "    static long count(In<Integer> in) { return 0; }",
                        "",
                        "    @Stage(from = \"split.numbers\")",
                        "    static long sum(In<Integer> in) { return 0; }");

        assertOnlyError(
                compile(source),
                source,
                "[StageTypeMismatch] count takes In<java.lang.Integer> but split.words emits"
                        + " java.lang.String",
                "static long count(In<Integer> in)");
    }

    @Test
    void mergedOutputsHaveOneElementType() {
        JavaFileObject source =
                owner(
                        "MergeTypes",
                        "    @Stage",
                        "    static void split(Out<Integer> small, Out<Long> large) {}",
                        "",
                        "    @Stage(from = {\"split.small\", \"split.large\"})",
                        "    static long sum(Number n) { return n.longValue(); }",
                        "",
                        "    @Stage",
                        "    static long total(In<Long> in) { return 0; }");

        assertOnlyError(
                compile(source),
                source,
                "[StageTypeMismatch] sum merges split.small, which emits java.lang.Integer, and"
                        + " split.large, which emits java.lang.Long; the outputs merged into one"
                        + " input must have the same element type",
                "static long sum(Number n)");
    }

    @Test
    void aJoinNamesOneOutputPerIn() {
        JavaFileObject source =
                owner(
                        "JoinArity",
                        "    @Stage",
                        "    static void split(Out<Integer> left, Out<String> right) {}",
                        "",
                        "    @Stage(from = {\"split.left\"})",
                        "    static long zip(In<Integer> left, In<String> right) { return 0; }",
                        "",
                        "    @Stage(from = \"split.right\")",
                        "    static long count(In<String> in) { return 0; }");

        assertOnlyError(
                compile(source),
                source,
                "[StageJoinArity] zip takes 2 In parameters, a join, but from names 1"
                        + " (split.left)",
                "@Stage(from = {\"split.left\"})");
    }

    @Test
    void eachInOfAJoinNamesItsOutputsType() {
        JavaFileObject source =
                owner(
                        "JoinTypes",
                        "    @Stage",
                        "    static void split(Out<Integer> left, Out<String> right) {}",
                        "",
                        "    @Stage(from = {\"split.right\", \"split.left\"})",
                        "    static long zip(In<Integer> numbers, In<String> words) { return 0; }");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(2);
        assertErrorOn(
                compilation,
                source,
                "[StageTypeMismatch] zip takes In<java.lang.Integer> but split.right emits"
                        + " java.lang.String",
                "static long zip(");
    }

    @Test
    void anOwnerNamedResultInTheDefaultPackageWouldBeHiddenByTheResultRecord() {
        JavaFileObject source =
                JavaFileObjects.forSourceLines(
                        "Result",
                        "import io.github.stagehand.annotation.Stage;",
                        "import io.github.stagehand.runtime.*;",
                        "",
                        "public final class Result {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage",
                        "    static long sum(In<Integer> in) { return 0; }",
                        "",
                        "    @Stage(from = \"gen\")",
                        "    static long count(In<Integer> in) { return 0; }",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageOwnerName] class Result is in the default package and named like a class"
                        + " nested in its generated pipeline (ResultPipeline.Result)",
                "public final class Result {");
    }

    private static Compilation compile(JavaFileObject source) {
        return javac().withProcessors(new StageProcessor()).compile(source);
    }

    /** {@code test.<name>}, a class of {@code members}. */
    private static JavaFileObject owner(String name, String... members) {
        List<String> body = new ArrayList<>();
        body.add("public final class " + name + " {");
        body.addAll(List.of(members));
        body.add("}");
        return TestSources.owner(name, body.toArray(String[]::new));
    }
}
