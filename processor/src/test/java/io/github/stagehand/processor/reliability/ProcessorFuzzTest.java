package io.github.stagehand.processor.reliability;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the processor with random {@code @Stage} declarations, valid and mutated ({@link
 * FuzzSource}), each compiled alone with {@code -Xlint:all}. For every input:
 *
 * <ul>
 *   <li>the processor never throws: javac returns, and no {@code [StageProcessorCrash]} is
 *       reported;
 *   <li>every diagnostic the processor reports starts with a {@code [Stage...]} id and points at a
 *       line of the input;
 *   <li>an input changed by one mutation whose id is certain (a private stage, {@code workers = 0},
 *       ...) gets that id;
 *   <li>generated code never carries a diagnostic: no error, and no warning under {@code
 *       -Xlint:all};
 *   <li>an input that compiles without error has its pipeline generated (no silent rejection).
 * </ul>
 *
 * <p>One case in 50 is a huge pipeline (200 stages). A failing case prints the seed, its number,
 * the mutations, the source and the diagnostics.
 */
@Tag("stress")
class ProcessorFuzzTest {
    private static final Pattern OUR_MESSAGE =
            Pattern.compile("^\\[Stage[A-Za-z]+\\] .*", Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("^\\[(Stage[A-Za-z]+)\\]");
    private static final Map<String, Long> FIGURES = new TreeMap<>();

    @Test
    void processorNeverCrashesAndExplainsEveryRejection() {
        Tries.run(
                "processor fuzzing",
                Budget.of("fuzz", 150, 2_500),
                (index, random) -> {
                    FuzzSource source = source(random, index);
                    fuzz(source);
                });
    }

    @Test
    void hugePipelineCompilesCleanly() {
        FuzzSource source = FuzzSource.valid(new Random(Budget.seed()), "Huge", 200);
        fuzz(source);
        count("huge.stages", 200);
    }

    private static FuzzSource source(Random random, int index) {
        int stages = random.nextInt(50) == 0 ? 200 : 1 + random.nextInt(6);
        FuzzSource source = FuzzSource.valid(random, "F" + index, stages);
        int mutations =
                random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(random.nextInt(4) == 0 ? 3 : 1);
        for (int i = 0; i < mutations; i++) {
            source.mutate(random);
        }
        return source;
    }

    private static void fuzz(FuzzSource source) {
        String text = source.render();
        Compilation compilation;
        try {
            // javac keeps only 100 errors by default: a 200-stage input could hide the processor's
            compilation =
                    InMemoryJavac.compile(
                            Map.of(source.fileName(), text),
                            "-Xlint:all",
                            "-Xmaxerrs",
                            "100000",
                            "-Xmaxwarns",
                            "100000");
        } catch (Throwable t) {
            throw failure("javac or the processor threw " + t, source, text, null, t);
        }
        count("cases", 1);
        count("cases.mutations." + source.mutations.size(), 1);
        List<String> ids = new ArrayList<>();
        boolean javacErrors = false;
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            String message = d.getMessage(null);
            boolean ours = d.getCode() != null && d.getCode().endsWith(".proc.messager");
            javacErrors |= !ours && d.getKind() == Diagnostic.Kind.ERROR;
            if (ours) {
                if (!OUR_MESSAGE.matcher(message).matches()) {
                    throw failure(
                            "a processor diagnostic without an id: " + message,
                            source,
                            text,
                            compilation,
                            null);
                }
                if (message.startsWith("[StageProcessorCrash]")) {
                    throw failure(
                            "the processor crashed: " + message, source, text, compilation, null);
                }
                if (d.getSource() == null || d.getLineNumber() <= 0) {
                    throw failure(
                            "a processor diagnostic without a position: " + message,
                            source,
                            text,
                            compilation,
                            null);
                }
                var id = ID.matcher(message);
                if (id.find()) {
                    ids.add(id.group(1));
                    count("diagnostics." + id.group(1), 1);
                }
            }
            if (d.getSource() != null
                    && d.getSource().toUri().toString().contains("SOURCE_OUTPUT")) {
                throw failure(
                        "generated code has a " + d.getKind() + ": " + message,
                        source,
                        text,
                        compilation,
                        null);
            }
        }
        if (source.mutations.size() == 1) {
            for (String expected : source.expectedIds) {
                // javac's own errors (an illegal modifier, a parse error) can keep the element from
                // the processor; an unresolved type always comes with javac's error
                boolean due = !javacErrors || expected.equals("StageUnresolvedType");
                if (due && !ids.contains(expected)) {
                    throw failure(
                            "expected [" + expected + "], got " + ids,
                            source,
                            text,
                            compilation,
                            null);
                }
            }
        }
        if (compilation.status() == Compilation.Status.SUCCESS) {
            String pipeline = source.expectedPipeline();
            if (pipeline != null
                    && !source.methods.isEmpty()
                    && compilation.generatedSourceFile(pipeline).isEmpty()) {
                throw failure(
                        "accepted without errors but " + pipeline + " was not generated",
                        source,
                        text,
                        compilation,
                        null);
            }
            count("cases.accepted", 1);
        } else {
            count(ids.isEmpty() ? "cases.rejected.by.javac" : "cases.rejected.by.processor", 1);
        }
    }

    private static AssertionError failure(
            String what, FuzzSource source, String text, Compilation compilation, Throwable cause) {
        StringBuilder s =
                new StringBuilder(what)
                        .append('\n')
                        .append(source.describe())
                        .append("\n--- ")
                        .append(source.fileName())
                        .append(" ---\n")
                        .append(text);
        if (compilation != null) {
            s.append("--- diagnostics ---\n");
            for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
                s.append(d.getKind())
                        .append(' ')
                        .append(d.getSource() == null ? "" : d.getSource().toUri())
                        .append(':')
                        .append(d.getLineNumber())
                        .append(' ')
                        .append(d.getCode())
                        .append(": ")
                        .append(d.getMessage(null))
                        .append('\n');
            }
            if (compilation.status() == Compilation.Status.SUCCESS) {
                compilation
                        .generatedSourceFiles()
                        .forEach(
                                file -> {
                                    try {
                                        s.append("--- ")
                                                .append(file.toUri())
                                                .append(" ---\n")
                                                .append(file.getCharContent(false));
                                    } catch (java.io.IOException e) {
                                        s.append(e);
                                    }
                                });
            }
        }
        return new AssertionError(s.toString(), cause);
    }

    private static synchronized void count(String figure, long delta) {
        FIGURES.merge(figure, delta, Long::sum);
    }

    @AfterAll
    static void report() {
        Map<String, Object> figures = new TreeMap<>(FIGURES);
        figures.put("seed", Budget.seed());
        Budget.report("processor-fuzz", figures);
    }
}
