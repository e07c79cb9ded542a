package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;

/** The diagnostic tests' assertions: an error's text and the line it points at. */
final class DiagnosticAssertions {
    private DiagnosticAssertions() {}

    /**
     * Asserts that the compilation failed with exactly one error, which contains {@code message}
     * and is reported on the one line of {@code source} containing {@code line}.
     */
    static void assertOnlyError(
            Compilation compilation, JavaFileObject source, String message, String line) {
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertErrorOn(compilation, source, message, line);
    }

    /**
     * Asserts an error containing {@code message} on the one line of {@code source} with {@code
     * line}.
     */
    static void assertErrorOn(
            Compilation compilation, JavaFileObject source, String message, String line) {
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    }
}
