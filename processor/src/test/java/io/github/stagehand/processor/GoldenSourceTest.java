package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources of the seed's shape ({@code Squares}: head, fan-out, merge), of a sink
 * pipeline ({@code WordCount}: instance stage, Done parameter, ordered fan-out, checked
 * exceptions), of a graph ({@code Report}), a join ({@code Zip}), batches ({@code Ship}: a batch
 * map with a linger, a batch sink with a rate) and a poller ({@code Poll}: a head called every
 * period that returns its value, a flat stage with a rate) and fusion ({@code Tally}: a map stage
 * run on its stream consumer's thread, a flat stage kept on its own with {@code fuse = false}),
 * compared with golden files under {@code src/test/resources/expected/golden}.
 */
class GoldenSourceTest {

    private static Compilation compile(String owner) {
        return javac().withProcessors(new StageProcessor())
                .withOptions("-Xlint:all", "-Werror")
                .compile(JavaFileObjects.forResource("golden/" + owner + ".java"));
    }

    /**
     * The generated text, exactly: its comments are what make it read like the Go blog. After a
     * deliberate change to the generated code, {@code -Dstagehand.golden.update=true} rewrites the
     * expected files (run from the processor module), to be read in the diff before committing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Squares", "WordCount", "Report", "Zip", "Ship", "Poll", "Tally"})
    void generatesTheGoldenSourceWithoutWarningsUnderXlintAllWerror(String owner)
            throws IOException {
        Compilation compilation = compile(owner);

        assertThat(compilation).succeededWithoutWarnings();
        String actual = generated(compilation, owner);
        Path expected = Path.of("src/test/resources/expected/golden/" + owner + "Pipeline.java");
        if (Boolean.getBoolean("stagehand.golden.update")) {
            Files.writeString(expected, actual);
        }
        assertEquals(Files.readString(expected), actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Squares", "WordCount", "Report", "Zip", "Ship", "Poll", "Tally"})
    void outputIsDeterministic(String owner) throws IOException {
        String first = generated(compile(owner), owner);
        String second = generated(compile(owner), owner);
        assertEquals(first, second);
    }

    @Test
    void gradleIsToldTheProcessorIsIsolating() throws IOException {
        try (InputStream in =
                StageProcessor.class.getResourceAsStream(
                        "/META-INF/gradle/incremental.annotation.processors")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(StageProcessor.class.getName() + ",isolating", text);
        }
    }

    @Test
    void generatedClassNamesTheProcessorInGenerated() throws IOException {
        String source = generated(compile("Squares"), "Squares");
        assertEquals(
                true,
                source.contains("@Generated(\"" + StageProcessor.class.getName() + "\")"),
                source);
    }

    private static String generated(Compilation compilation, String owner) throws IOException {
        JavaFileObject file =
                compilation.generatedSourceFile("golden." + owner + "Pipeline").orElseThrow();
        return file.getCharContent(false).toString();
    }
}
