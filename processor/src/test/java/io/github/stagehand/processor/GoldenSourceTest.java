package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources of the seed's shape ({@code Squares}: head, fan-out, merge) and of a sink
 * pipeline ({@code WordCount}: instance stage, Done parameter, ordered fan-out, checked
 * exceptions), compared with golden files under {@code src/test/resources/expected/golden}.
 */
class GoldenSourceTest {

    private static Compilation compile(String owner) {
        return javac().withProcessors(new StageProcessor())
                .withOptions("-Xlint:all", "-Werror")
                .compile(JavaFileObjects.forResource("golden/" + owner + ".java"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Squares", "WordCount", "Report", "Zip"})
    void generatesTheGoldenSourceWithoutWarningsUnderXlintAllWerror(String owner) {
        Compilation compilation = compile(owner);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("golden." + owner + "Pipeline")
                .hasSourceEquivalentTo(
                        JavaFileObjects.forResource("expected/golden/" + owner + "Pipeline.java"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Squares", "WordCount", "Report", "Zip"})
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
