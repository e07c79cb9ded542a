package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.stagehand.processor.TestSources.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.internal.RuntimeVersion;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version handshake: a runtime of another version than the processor's on the compile class
 * path fails the compile with {@code [StageRuntimeVersion]}, naming both versions, once per
 * compilation.
 */
class RuntimeVersionTest {
    private static final String RUNTIME_VERSION_CLASS =
            "io/github/stagehand/runtime/internal/RuntimeVersion.class";

    @TempDir Path temp;

    @Test
    void theRuntimesConstantIsThisBuildsVersion() {
        // version.properties is filtered by Maven: the processor's version is the build's
        String processor = RuntimeVersionCheck.PROCESSOR_VERSION;
        assertTrue(processor.matches("\\d+\\.\\d+\\.\\d+.*"), processor);
        assertEquals(
                processor,
                RuntimeVersion.VERSION,
                "RuntimeVersion.VERSION in runtime/src/main/java must be the version in the poms");
    }

    @Test
    void aRuntimeOfAnotherVersionFailsTheCompileNamingBothVersions() throws IOException {
        Path fake = fakeRuntimeVersion("0.0.9");
        JavaFileObject first = squares("First");
        JavaFileObject second = squares("Second");

        Compilation compilation =
                javac().withProcessors(new StageProcessor())
                        .withClasspath(
                                List.of(fake.toFile(), location(In.class), location(Stage.class)))
                        .compile(first, second);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining(
                        "[StageRuntimeVersion] stagehand-runtime on the compile class path is 0.0.9,"
                                + " but stagehand-processor is "
                                + RuntimeVersionCheck.PROCESSOR_VERSION
                                + ";")
                .inFile(first)
                .onLineContaining("public final class First");
        assertThat(compilation)
                .hadErrorContaining(
                        "Use the same version of stagehand-runtime and stagehand-processor");
        assertEquals(1, compilation.errors().size(), "once per compilation, not per pipeline");
    }

    @Test
    void aRuntimeFromBeforeTheVersionCheckFailsTheCompile() throws IOException {
        Path old = runtimeWithoutVersion();
        JavaFileObject source = squares("Squares");

        Compilation compilation =
                javac().withProcessors(new StageProcessor())
                        .withClasspath(List.of(old.toFile(), location(Stage.class)))
                        .compile(source);

        assertThat(compilation)
                .hadErrorContaining(
                        "[StageRuntimeVersion] stagehand-runtime on the compile class path is of a"
                                + " version older than the version check")
                .inFile(source)
                .onLineContaining("public final class Squares");
        assertThat(compilation)
                .hadErrorContaining(
                        "but stagehand-processor is " + RuntimeVersionCheck.PROCESSOR_VERSION);
    }

    @Test
    void theSameVersionCompiles() {
        Compilation compilation =
                javac().withProcessors(new StageProcessor()).compile(squares("Squares"));

        assertThat(compilation).succeededWithoutWarnings();
    }

    private static JavaFileObject squares(String name) {
        return owner(
                name,
                "public final class " + name + " {",
                "    @Stage",
                "    static void gen(Out<Integer> out) {}",
                "",
                "    @Stage",
                "    static int sq(int n) {",
                "        return n * n;",
                "    }",
                "}");
    }

    /** A class directory holding only a {@code RuntimeVersion} of {@code version}. */
    private Path fakeRuntimeVersion(String version) throws IOException {
        Compilation compilation =
                javac().compile(
                                JavaFileObjects.forSourceLines(
                                        "io.github.stagehand.runtime.internal.RuntimeVersion",
                                        "package io.github.stagehand.runtime.internal;",
                                        "public final class RuntimeVersion {",
                                        "    public static final String VERSION = \""
                                                + version
                                                + "\";",
                                        "}"));
        assertThat(compilation).succeeded();
        JavaFileObject classFile =
                compilation
                        .generatedFile(StandardLocation.CLASS_OUTPUT, RUNTIME_VERSION_CLASS)
                        .orElseThrow();
        Path target = temp.resolve("fake").resolve(RUNTIME_VERSION_CLASS);
        Files.createDirectories(target.getParent());
        try (InputStream in = classFile.openInputStream()) {
            Files.copy(in, target);
        }
        return temp.resolve("fake");
    }

    /** This build's runtime classes, without {@code RuntimeVersion}: a runtime from before it. */
    private Path runtimeWithoutVersion() throws IOException {
        Path runtime = location(In.class).toPath();
        Path copy = temp.resolve("old");
        if (Files.isDirectory(runtime)) {
            try (Stream<Path> files = Files.walk(runtime)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name =
                            runtime.relativize(file).toString().replace(File.separatorChar, '/');
                    if (Files.isRegularFile(file) && !name.equals(RUNTIME_VERSION_CLASS)) {
                        Path target = copy.resolve(name);
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target);
                    }
                }
            }
        } else {
            try (ZipFile jar = new ZipFile(runtime.toFile())) {
                for (ZipEntry entry : Collections.list(jar.entries())) {
                    if (!entry.isDirectory() && !entry.getName().equals(RUNTIME_VERSION_CLASS)) {
                        Path target = copy.resolve(entry.getName());
                        Files.createDirectories(target.getParent());
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
        }
        return copy;
    }

    private static File location(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
