package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The code a user writes around a generated pipeline compiles without warnings under {@code
 * -Xlint:all -Werror}, not only the generated file: in particular a try-with-resources over the
 * {@code Output} of a pipeline whose stages may throw {@code InterruptedException} (javac's {@code
 * -Xlint:try} warns on every resource whose {@code close()} declares it, or a supertype of it).
 */
class UserCodeLintTest {

    @ParameterizedTest(name = "a stage that throws {0}")
    @ValueSource(strings = {"InterruptedException", "Exception", "Throwable"})
    void tryWithResourcesOverTheOutputHasNoWarning(String thrown) {
        JavaFileObject owner =
                JavaFileObjects.forSourceLines(
                        "user.Sleepy",
                        "package user;",
                        "",
                        "import io.github.stagehand.annotation.Stage;",
                        "import io.github.stagehand.runtime.Out;",
                        "",
                        "public final class Sleepy {",
                        "    @Stage",
                        "    static void ticks(Out<Integer> out, int n) throws " + thrown + " {",
                        "        for (int i = 0; i < n; i++) {",
                        "            Thread.sleep(1);",
                        "            out.send(i);",
                        "        }",
                        "    }",
                        "",
                        "    @Stage(workers = 2, ordered = true)",
                        "    static String label(int n) throws java.io.IOException {",
                        "        return \"n\" + n;",
                        "    }",
                        "}");
        JavaFileObject user =
                JavaFileObjects.forSourceLines(
                        "user.Main",
                        "package user;",
                        "",
                        "import java.io.IOException;",
                        "",
                        "final class Main {",
                        "    static String first() throws IOException {",
                        "        try (var out = SleepyPipeline.start(3)) {",
                        "            return out.receive();",
                        "        }",
                        "    }",
                        "",
                        "    static long count() throws IOException {",
                        "        try (SleepyPipeline.Output out =",
                        "                SleepyPipeline.builder().labelWorkers(4).start(10)) {",
                        "            return out.stream().count();",
                        "        }",
                        "    }",
                        "}");

        Compilation compilation =
                javac().withProcessors(new StageProcessor())
                        .withOptions("-Xlint:all", "-Werror")
                        .compile(owner, user);

        assertThat(compilation).succeededWithoutWarnings();
    }
}
