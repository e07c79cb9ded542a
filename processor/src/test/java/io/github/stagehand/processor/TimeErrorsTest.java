package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.stagehand.processor.DiagnosticAssertions.assertOnlyError;
import static io.github.stagehand.processor.TestSources.owner;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per diagnostic id of the time attributes ({@code batch}, {@code linger}, {@code every},
 * {@code rate}), each asserting the message and the line it points at, and the shapes that are no
 * mistake compiling cleanly.
 */
class TimeErrorsTest {

    // --- durations and rates that do not parse ---

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"1 s", "-5ms", "0s", "1.5s", "5", "5d", "s", "ms100", "99999999999h"})
    void aLingerThatIsNoPositiveDuration(String linger) {
        JavaFileObject source =
                owner(
                        "BadLinger",
                        "public final class BadLinger {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(batch = 10, linger = \"" + linger + "\")",
                        "    static void store(java.util.List<Integer> batch) {}",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageDuration] store has linger = \""
                        + linger
                        + "\", which is not a positive duration; a duration is a whole number"
                        + " followed at once by ns, us, ms, s, m or h",
                "linger = ");
        assertThat(compilation).hadErrorContaining("Write it as \"500ms\", \"1s\" or \"5m\"");
    }

    @Test
    void anEveryThatIsNoPositiveDuration() {
        JavaFileObject source =
                owner(
                        "BadEvery",
                        "public final class BadEvery {",
                        "    @Stage(every = \"0s\")",
                        "    static void poll(Out<Integer> out) {}",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageDuration] poll has every = \"0s\", which is not a positive duration;",
                "@Stage(every = \"0s\")");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"100/day", "0/s", "100 / s", "100/", "/s", "-1/s", "100/us", "1.5/s"})
    void aRateThatDoesNotParse(String rate) {
        JavaFileObject source =
                owner(
                        "BadRate",
                        "public final class BadRate {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(rate = \"" + rate + "\")",
                        "    static int sq(int n) { return n * n; }",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageRate] sq has rate = \""
                        + rate
                        + "\", which is not a rate; a rate is a whole number of elements above"
                        + " zero, a slash and a unit of ms, s, m or h. Write it as \"100/s\"",
                "rate = ");
    }

    // --- batches ---

    @Test
    void aNegativeBatch() {
        JavaFileObject source =
                owner(
                        "NegativeBatch",
                        "public final class NegativeBatch {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(batch = -1)",
                        "    static void store(java.util.List<Integer> batch) {}",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageBatch] store has batch = -1; a batch holds at least one element. Use"
                        + " batch = 1 or more",
                "@Stage(batch = -1)");
    }

    @Test
    void aLingerWithoutABatch() {
        JavaFileObject source =
                owner(
                        "LingerAlone",
                        "public final class LingerAlone {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(linger = \"1s\")",
                        "    static int sq(int n) { return n * n; }",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageLingerWithoutBatch] sq has a linger but no batch; linger is how long a"
                        + " batch waits for more elements. Set batch = n too and take a List<T>,"
                        + " or remove linger",
                "@Stage(linger = \"1s\")");
    }

    @Test
    void aBatchOnAStageThatTakesAnIn() {
        JavaFileObject source =
                owner(
                        "BatchStream",
                        "public final class BatchStream {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(batch = 10)",
                        "    static long sum(In<Integer> in) { return 0; }",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageBatchShape] sum has batch set, but it takes an In, and a stream or sink"
                        + " stage receives for itself; a batch stage takes its input as one List<T>"
                        + " value: R sum(List<T> batch) maps batches",
                "@Stage(batch = 10)");
    }

    @Test
    void aBatchOnAStageWhoseValueIsNoList() {
        JavaFileObject source =
                owner(
                        "BatchNoList",
                        "public final class BatchNoList {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(batch = 10)",
                        "    static int sq(int n) { return n * n; }",
                        "}");

        Compilation compilation = compile(source);

        assertOnlyError(
                compilation,
                source,
                "[StageBatchShape] sq has batch set, but its value parameter n is a int, not a"
                        + " List;",
                "@Stage(batch = 10)");
        assertThat(compilation)
                .hadErrorContaining("Take a List<java.lang.Integer>, or remove batch");
    }

    @Test
    void aBatchOnTheHead() {
        JavaFileObject source =
                owner(
                        "BatchHead",
                        "public final class BatchHead {",
                        "    @Stage(batch = 10)",
                        "    static void gen(Out<Integer> out) {}",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageBatchShape] gen has batch set, but it is the head, which has no input to"
                        + " batch;",
                "@Stage(batch = 10)");
    }

    @Test
    void anOrderedBatchStage() {
        JavaFileObject source =
                owner(
                        "OrderedBatch",
                        "public final class OrderedBatch {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(batch = 10, workers = 2, ordered = true)",
                        "    static int size(java.util.List<Integer> batch) { return batch.size(); }",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageBatchShape] size has batch set, but it is ordered, and the batches of"
                        + " several workers are not put back in input order;",
                "@Stage(batch = 10, workers = 2, ordered = true)");
    }

    @Test
    void aBatchOfAnotherTypeThanTheProducerEmits() {
        JavaFileObject source =
                owner(
                        "BatchMismatch",
                        "public final class BatchMismatch {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(batch = 10)",
                        "    static void store(java.util.List<String> words) {}",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageBatchType] store takes java.util.List<java.lang.String> but gen emits"
                        + " java.lang.Integer; a batch stage's List<T> holds what the stage before"
                        + " it emits, so T is that type or a supertype of it. Write"
                        + " List<java.lang.Integer>, or change gen's output",
                "java.util.List<String> words");
    }

    @Test
    void aWildcardBatchThatTheProducerDoesNotFit() {
        JavaFileObject source =
                owner(
                        "WildcardMismatch",
                        "public final class WildcardMismatch {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(batch = 10)",
                        "    static void store(java.util.List<? extends CharSequence> words) {}",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageBatchType] store takes java.util.List<? extends java.lang.CharSequence> but"
                        + " gen emits java.lang.Integer;",
                "java.util.List<? extends CharSequence> words");
    }

    // --- pollers and rates ---

    @Test
    void everyAfterTheHead() {
        JavaFileObject source =
                owner(
                        "EveryLater",
                        "public final class EveryLater {",
                        "    @Stage",
                        "    static void gen(Out<Integer> out) {}",
                        "",
                        "    @Stage(every = \"1s\")",
                        "    static int sq(int n) { return n * n; }",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageEveryNotHead] sq has every, but only the head is called on a schedule (a"
                        + " poller), and gen is this pipeline's head. Move every to gen, or pace sq"
                        + " with a rate",
                "@Stage(every = \"1s\")");
    }

    @Test
    void aRateOnTheHead() {
        JavaFileObject source =
                owner(
                        "RateHead",
                        "public final class RateHead {",
                        "    @Stage(rate = \"10/s\")",
                        "    static void gen(Out<Integer> out) {}",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageRateOnHead] gen is the head and has a rate; a rate paces the calls of the"
                        + " stages a head feeds. Pace the head itself with every = \"...\"",
                "@Stage(rate = \"10/s\")");
    }

    @Test
    void aValueReturningHeadWithoutEveryIsToldAboutPollers() {
        JavaFileObject source =
                owner(
                        "ReturningHead",
                        "public final class ReturningHead {",
                        "    @Stage",
                        "    static Integer gen(String s) { return 1; }",
                        "}");

        assertOnlyError(
                compile(source),
                source,
                "[StageHeadShape] gen is the first stage, the head, so it must emit through an"
                        + " Out<R> parameter",
                "static Integer gen(String s)");
        assertThat(compile(source))
                .hadErrorContaining(
                        "a poller, @Stage(every = \"5s\"), may return its value instead: R"
                                + " gen(...inputs)");
    }

    // --- shapes that are no mistake ---

    @Test
    void everyShapeOfTheTimeAttributesCompilesWithoutWarnings() {
        JavaFileObject source =
                owner(
                        "Timed",
                        "import java.util.List;",
                        "",
                        "public final class Timed {",
                        "    @Stage(every = \"250ms\")",
                        "    static String poll(Done done, String endpoint) { return endpoint; }",
                        "",
                        "    @Stage(rate = \"1000000/s\", workers = 2, ordered = true)",
                        "    static String check(String s) { return s; }",
                        "",
                        "    @Stage(batch = 100, linger = \"5ms\", workers = 3)",
                        "    static void words(List<CharSequence> batch, Out<String> out) {}",
                        "",
                        "    @Stage(batch = 7, rate = \"3/m\")",
                        "    static int size(List<? extends CharSequence> batch) { return 1; }",
                        "",
                        "    @Stage(batch = 2, linger = \"1h\", workers = 2, rate = \"1/h\")",
                        "    static void store(List<Object> sizes, Done done) {}",
                        "}");
        JavaFileObject outPoller =
                owner(
                        "OutPoller",
                        "import java.util.List;",
                        "",
                        "public final class OutPoller {",
                        "    @Stage(every = \"1us\")",
                        "    static void poll(Out<Long> out, Done done) { out.send(1L); }",
                        "",
                        "    @Stage(rate = \"2/ms\")",
                        "    static void split(long n, Out<Long> odd, Out<Long> even) {}",
                        "",
                        "    @Stage(from = \"split.odd\", batch = 3)",
                        "    static void keep(List<Long> odd) {}",
                        "",
                        "    @Stage(from = \"split.even\", batch = 3, rate = \"1/s\")",
                        "    static long count(List<Long> even) { return 0; }",
                        "",
                        "    @Stage(rate = \"5/s\", workers = 2)",
                        "    static void copy(In<Long> in, Out<Long> out) {}",
                        "",
                        "    @Stage(rate = \"9/h\")",
                        "    static long total(In<Long> in) { return 0; }",
                        "}");

        Compilation compilation =
                javac().withProcessors(new StageProcessor())
                        .withOptions("-Xlint:all", "-Werror")
                        .compile(source, outPoller);

        assertThat(compilation).succeededWithoutWarnings();
    }

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new StageProcessor()).compile(sources);
    }
}
