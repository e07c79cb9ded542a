package io.github.stagehand.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own named module, with exactly the module-info that docs/modules.md shows, compiles its
 * pipeline with Stagehand's processor under {@code -Xlint:all -Werror} (so no {@code
 * [requires-automatic]}: the runtime and the annotations are real modules) and runs it from the
 * module path in a JVM of its own.
 *
 * <p>The runtime and the annotations are taken from wherever this test loads them: their jars after
 * {@code package}, their target/classes directories (exploded modules) before.
 */
@Timeout(120)
class ModularUserTest {

    /** What docs/modules.md tells a user to write. */
    private static final String MODULE_INFO =
            """
            module com.example.app {
                requires io.github.stagehand.runtime;
                requires static io.github.stagehand.annotations;
            }
            """;

    private static final String PIPELINE =
            """
            package com.example.app;

            import io.github.stagehand.annotation.Stage;
            import io.github.stagehand.runtime.In;
            import io.github.stagehand.runtime.Out;

            /** numbers -> square (2 workers) -> sum. */
            final class SumOfSquares {
                private SumOfSquares() {}

                @Stage
                static void numbers(Out<Integer> out, int n) {
                    for (int i = 1; i <= n; i++) {
                        out.send(i);
                    }
                }

                @Stage(workers = 2)
                static long square(int v) {
                    return (long) v * v;
                }

                @Stage
                static long sum(In<Long> squares) {
                    long total = 0;
                    for (long s : squares) {
                        total += s;
                    }
                    return total;
                }
            }
            """;

    private static final String MAIN =
            """
            package com.example.app;

            import io.github.stagehand.runtime.In;

            /** Runs the pipeline and says where it ran. */
            public final class Main {
                private Main() {}

                public static void main(String[] args) throws Exception {
                    System.out.println("sum=" + SumOfSquaresPipeline.run(10));
                    System.out.println("app: " + Main.class.getModule().getName());
                    System.out.println("runtime: " + In.class.getModule().getName());
                    System.out.println("java.compiler: "
                            + ModuleLayer.boot().findModule("java.compiler").isPresent());
                }
            }
            """;

    @Test
    void theDocsShowThisModuleInfo() throws IOException {
        // the test runs in example/, the docs are the repository's
        assertTrue(
                Files.readString(Path.of("../docs/modules.md")).contains(MODULE_INFO),
                "docs/modules.md shows a module-info other than the one tested here");
    }

    @Test
    void compilesUnderWerrorAndRunsFromTheModulePath(@TempDir Path dir) throws Exception {
        // given: the user's sources, and Stagehand as its build would see it
        Path sources = dir.resolve("src");
        write(sources.resolve("module-info.java"), MODULE_INFO);
        write(sources.resolve("com/example/app/SumOfSquares.java"), PIPELINE);
        write(sources.resolve("com/example/app/Main.java"), MAIN);
        Path runtime = locationOf(In.class);
        Path annotations = locationOf(Stage.class);
        Path module = dir.resolve("mods/com.example.app");

        // when: javac compiles the module, the runtime and the annotations on its module path
        Compilation compilation =
                compile(
                        sources,
                        List.of(
                                "--release",
                                "21",
                                "-Xlint:all",
                                "-Werror",
                                "--module-path",
                                join(runtime, annotations),
                                "--processor-path",
                                join(processorPath()),
                                "-d",
                                module.toString(),
                                "-s",
                                dir.resolve("generated").toString()));

        // then: not one diagnostic, not even a warning, and the processor wrote the pipeline
        assertEquals("", compilation.diagnostics());
        assertTrue(compilation.ok());
        assertTrue(Files.exists(module.resolve("com/example/app/SumOfSquaresPipeline.class")));

        // when: it runs from the module path. --limit-modules leaves observable only the user's
        // module and what it requires at run time (the runtime, jdk.jfr, java.base): neither the
        // annotations nor java.compiler, the runtime's static dependences.
        Run run =
                java(
                        dir,
                        "--module-path",
                        join(module, runtime),
                        "--limit-modules",
                        "com.example.app",
                        "-m",
                        "com.example.app/com.example.app.Main");

        // then: the pipeline's result, computed in named modules
        assertEquals(0, run.exit(), run.err());
        assertEquals(
                List.of(
                        "sum=385",
                        "app: com.example.app",
                        "runtime: io.github.stagehand.runtime",
                        "java.compiler: false"),
                run.out().lines().toList());
    }

    private record Compilation(boolean ok, String diagnostics) {}

    private static Compilation compile(Path sources, List<String> options) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                        javac.getStandardFileManager(diagnostics, null, UTF_8);
                var walk = Files.walk(sources)) {
            List<Path> units = walk.filter(p -> p.toString().endsWith(".java")).toList();
            boolean ok =
                    javac.getTask(
                                    null,
                                    files,
                                    diagnostics,
                                    options,
                                    null,
                                    files.getJavaFileObjectsFromPaths(units))
                            .call();
            return new Compilation(
                    ok,
                    diagnostics.getDiagnostics().stream()
                            .map(ModularUserTest::describe)
                            .collect(Collectors.joining("\n")));
        }
    }

    private record Run(int exit, String out, String err) {}

    /** The same java binary as this JVM's, in a process of its own. */
    private static Run java(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(args));
        Path err = dir.resolve("stderr.txt");
        Process process =
                new ProcessBuilder(command)
                        .redirectError(err.toFile())
                        .directory(dir.toFile())
                        .start();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        int exit = process.waitFor();
        return new Run(exit, out, Files.readString(err));
    }

    /**
     * The processor and what it needs beside it: JavaPoet, unless the processor has it inside
     * (shaded), in which case this test's class path has none.
     */
    private static List<Path> processorPath()
            throws ReflectiveOperationException, URISyntaxException {
        List<Path> path = new ArrayList<>();
        path.add(locationOf(Class.forName("io.github.stagehand.processor.StageProcessor")));
        try {
            Path javapoet = locationOf(Class.forName("com.palantir.javapoet.JavaFile"));
            if (!path.contains(javapoet)) {
                path.add(javapoet);
            }
        } catch (ClassNotFoundException shaded) {
            // nothing to add
        }
        return path;
    }

    private static Path locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String join(Path... paths) {
        return join(List.of(paths));
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        String where =
                diagnostic.getSource() == null
                        ? ""
                        : " " + diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber();
        return diagnostic.getKind() + where + ": " + diagnostic.getMessage(null);
    }
}
