package io.github.stagehand.beam;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.stagehand.processor.StageProcessor;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * With Beam and stagehand-beam on the class path, what the lowering cannot carry is a warning with
 * an id on the owner or the stage, the in-process pipeline is generated as always, and the Beam
 * class is not; an ordered stage is lowered with a warning that Beam keeps no order, batch stages
 * with none.
 */
class BeamDiagnosticsTest {

    private static Compilation compile(String source) {
        JavaFileObject file = JavaFileObjects.forSourceString("test.Owner", source);
        return javac().withProcessors(new StageProcessor()).compile(file);
    }

    private static boolean generated(Compilation compilation, String name) {
        return compilation
                .generatedFile(StandardLocation.SOURCE_OUTPUT, "test", name + ".java")
                .isPresent();
    }

    @Test
    void aStreamStageWithSeveralOutputsIsNotLoweredAndSaysWhy() {
        Compilation compilation =
                compile(
                        """
                        package test;
                        import io.github.stagehand.annotation.Stage;
                        import io.github.stagehand.runtime.In;
                        import io.github.stagehand.runtime.Out;
                        public final class Owner {
                            @Stage static void gen(Out<Integer> out, int n) { out.send(n); }
                            @Stage static void pairs(In<Integer> in, Out<Integer> a, Out<Integer> b) { in.forEach(a::send); }
                            @Stage(from = "pairs.a") static long sum(In<Integer> in) { return in.stream().count(); }
                            @Stage(from = "pairs.b") static long count(In<Integer> in) { return in.stream().count(); }
                        }
                        """);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining(
                        "[BeamUnsupported] no Beam graph is generated for OwnerPipeline: its stage pairs cannot be lowered onto Beam, because it is a stream stage with several outputs");
        assertTrue(generated(compilation, "OwnerPipeline"));
        assertTrue(!generated(compilation, "OwnerBeam"));
    }

    @Test
    void aPollerAndARateAreNotLoweredAndSayWhy() {
        String poller =
                """
                package test;
                import io.github.stagehand.annotation.Stage;
                import io.github.stagehand.runtime.In;
                public final class Owner {
                    @Stage(every = "1s") static Integer poll(int n) { return n; }
                    @Stage static long sum(In<Integer> in) { return in.stream().count(); }
                }
                """;
        String rate =
                """
                package test;
                import io.github.stagehand.annotation.Stage;
                import io.github.stagehand.runtime.In;
                import io.github.stagehand.runtime.Out;
                public final class Owner {
                    @Stage static void gen(Out<Integer> out, int n) { out.send(n); }
                    @Stage(rate = "10/s") static int sq(int n) { return n * n; }
                    @Stage static long sum(In<Integer> in) { return in.stream().count(); }
                }
                """;
        String batchWithRate =
                """
                package test;
                import io.github.stagehand.annotation.Stage;
                import io.github.stagehand.runtime.Out;
                import java.util.List;
                public final class Owner {
                    @Stage static void gen(Out<Integer> out, int n) { out.send(n); }
                    @Stage(batch = 100, rate = "5/s") static void store(List<Integer> batch) {}
                }
                """;
        for (String[] owner :
                new String[][] {
                    {poller, "poll", "it is a poller (every)"},
                    {rate, "sq", "it has a rate"},
                    {batchWithRate, "store", "it has a rate"}
                }) {
            Compilation compilation = compile(owner[0]);

            assertThat(compilation).succeeded();
            assertThat(compilation)
                    .hadWarningContaining(
                            "[BeamUnsupported] no Beam graph is generated for OwnerPipeline: its stage "
                                    + owner[1]
                                    + " cannot be lowered onto Beam, because "
                                    + owner[2]);
            assertTrue(generated(compilation, "OwnerPipeline"));
            assertTrue(!generated(compilation, "OwnerBeam"));
        }
    }

    @Test
    void batchStagesAreLoweredWithoutAWarning() {
        // a batch map, a batch flat stage with two outputs and a batch sink with a linger, over
        // lists of the element type, a supertype and a wildcard
        Compilation compilation =
                compile(
                        """
                        package test;
                        import io.github.stagehand.annotation.Stage;
                        import io.github.stagehand.runtime.In;
                        import io.github.stagehand.runtime.Out;
                        import java.util.List;
                        public final class Owner {
                            @Stage static void gen(Out<Integer> out, int n) { out.send(n); }
                            @Stage(batch = 10) static int size(List<Integer> batch) { return batch.size(); }
                            @Stage static long sum(In<Integer> in) { return in.stream().count(); }
                            @Stage(from = "gen", batch = 3, workers = 2) static void split(List<? extends Number> batch, Out<Integer> a, Out<String> b) {}
                            @Stage(from = "split.a") static long as(In<Integer> in) { return in.stream().count(); }
                            @Stage(from = "split.b") static long bs(In<String> in) { return in.stream().count(); }
                            @Stage(from = "gen", batch = 100, linger = "500us") static void store(List<Object> batch) {}
                        }
                        """);

        assertThat(compilation).succeeded();
        assertEquals(
                0,
                compilation.warnings().stream()
                        .filter(w -> w.getMessage(null).contains("[Beam"))
                        .count());
        assertTrue(generated(compilation, "OwnerBeam"));
        assertThat(compilation)
                .generatedSourceFile("test.OwnerBeam")
                .contentsAsUtf8String()
                .contains(
                        "gen.apply(StageTransforms.batchEach(\"store\", 100, Duration.ofNanos(500000), (List<Object> batch) -> Owner.store(batch)))");
    }

    @Test
    void headArgumentsNamedAsTheLambdasParametersAreRenamed() {
        // expand's parameters are locals that the stages' lambdas (value, batch, out...) would
        // shadow, which Java forbids
        Compilation compilation =
                compile(
                        """
                        package test;
                        import io.github.stagehand.annotation.Stage;
                        import io.github.stagehand.runtime.Out;
                        import java.util.List;
                        public final class Owner {
                            @Stage static void gen(Out<Integer> sink, int value, int batch, int out) { sink.send(value + batch + out); }
                            @Stage static int twice(int v) { return 2 * v; }
                            @Stage(batch = 2) static void store(List<Integer> values) {}
                        }
                        """);

        assertThat(compilation).succeeded();
        assertTrue(generated(compilation, "OwnerBeam"));
        assertThat(compilation)
                .generatedSourceFile("test.OwnerBeam")
                .contentsAsUtf8String()
                .contains("Owner.gen(out, value_, batch_, out_)");
    }

    @Test
    void anOwnerThatCannotBeSerializedIsNotLoweredAndSaysHowToFixIt() {
        Compilation compilation =
                compile(
                        """
                        package test;
                        import io.github.stagehand.annotation.Stage;
                        import io.github.stagehand.runtime.In;
                        import io.github.stagehand.runtime.Out;
                        public final class Owner {
                            @Stage void gen(Out<Integer> out, int n) { out.send(n); }
                            @Stage static long sum(In<Integer> in) { return in.stream().count(); }
                        }
                        """);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining(
                        "[BeamOwnerNotSerializable] no Beam graph is generated for Owner");
        assertThat(compilation)
                .hadWarningContaining(
                        "Implement it (and keep the fields the stages use serializable), or make the stages static");
        assertTrue(!generated(compilation, "OwnerBeam"));
    }

    @Test
    void anOrderedStageIsLoweredWithAWarningUnlessSuppressed() {
        String source =
                """
                package test;
                import io.github.stagehand.annotation.Stage;
                import io.github.stagehand.runtime.In;
                import io.github.stagehand.runtime.Out;
                public final class Owner {
                    @Stage static void gen(Out<Integer> out, int n) { out.send(n); }
                    SUPPRESS@Stage(workers = 2, ordered = true) static int twice(int v) { return 2 * v; }
                    @Stage static long sum(In<Integer> in) { return in.stream().count(); }
                }
                """;
        Compilation warned = compile(source.replace("SUPPRESS", ""));
        Compilation quiet =
                compile(source.replace("SUPPRESS", "@SuppressWarnings(\"BeamOrdered\") "));

        assertThat(warned).succeeded();
        assertThat(warned)
                .hadWarningContaining("[BeamOrdered] twice is ordered, and Beam keeps no order");
        assertTrue(generated(warned, "OwnerBeam"));
        assertThat(quiet).succeeded();
        assertEquals(
                0,
                quiet.warnings().stream()
                        .filter(w -> w.getMessage(null).contains("BeamOrdered"))
                        .count());
        assertTrue(generated(quiet, "OwnerBeam"));
    }

    private static final String RECORD_PIPELINE =
            """
            package test;
            import io.github.stagehand.annotation.Stage;
            import io.github.stagehand.runtime.In;
            import io.github.stagehand.runtime.Out;
            public final class Owner {
                public record Point(int x, int y) IMPLEMENTS {}
                @Stage static void gen(Out<Integer> out, int n) { out.send(n); }
                @Stage static Point point(int v) { return new Point(v, v); }
                @Stage static long sum(In<Point> in) { return in.stream().count(); }
            }
            """;

    @Test
    void anElementTypeWithoutACoderIsNotLoweredAndSaysHowToFixIt() {
        Compilation plain = compile(RECORD_PIPELINE.replace("IMPLEMENTS", ""));
        Compilation serializable =
                compile(RECORD_PIPELINE.replace("IMPLEMENTS", "implements java.io.Serializable"));

        assertThat(plain).succeeded();
        assertThat(plain)
                .hadWarningContaining(
                        "[BeamNoCoder] no Beam graph is generated for OwnerPipeline: stage point emits test.Owner.Point, which Beam has no coder for");
        assertTrue(!generated(plain, "OwnerBeam"));
        assertThat(serializable).succeeded();
        assertEquals(
                0,
                serializable.warnings().stream()
                        .filter(w -> w.getMessage(null).contains("[Beam"))
                        .count());
        assertTrue(generated(serializable, "OwnerBeam"));
    }

    @Test
    void aHeadArgumentThatCannotBeSerializedIsNotLowered() {
        Compilation compilation =
                compile(
                        """
                        package test;
                        import io.github.stagehand.annotation.Stage;
                        import io.github.stagehand.runtime.In;
                        import io.github.stagehand.runtime.Out;
                        import java.nio.file.Path;
                        import java.util.List;
                        public final class Owner {
                            @Stage static void gen(Out<String> out, List<Path> files) { files.forEach(f -> out.send(f.toString())); }
                            @Stage static long sum(In<String> in) { return in.stream().count(); }
                        }
                        """);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining(
                        "[BeamArgumentNotSerializable] no Beam graph is generated for OwnerPipeline: the head gen takes files of type java.util.List<java.nio.file.Path>");
        assertTrue(!generated(compilation, "OwnerBeam"));
    }
}
