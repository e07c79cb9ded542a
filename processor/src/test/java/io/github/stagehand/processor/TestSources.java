package io.github.stagehand.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Owner classes for the processor's compile tests. */
final class TestSources {
    private TestSources() {}

    /** {@code test.<name>} in package {@code test}, importing {@code @Stage} and the runtime. */
    static JavaFileObject owner(String name, String... body) {
        List<String> lines =
                new ArrayList<>(
                        List.of(
                                "package test;",
                                "",
                                "import io.github.stagehand.annotation.Stage;",
                                "import io.github.stagehand.runtime.*;",
                                ""));
        lines.addAll(List.of(body));
        return JavaFileObjects.forSourceLines("test." + name, lines);
    }
}
