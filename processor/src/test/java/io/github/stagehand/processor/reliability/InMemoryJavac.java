package io.github.stagehand.processor.reliability;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.stagehand.processor.StageProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Compiles sources with the {@link StageProcessor} in process (compile-testing keeps every output
 * in memory) and loads the classes it produced in a fresh class loader whose parent is the test's,
 * so the runtime and the {@link Probe} are shared with the test.
 */
final class InMemoryJavac {
    private InMemoryJavac() {}

    /** Compiles {@code sources} (qualified name to text) with {@code options}. */
    static Compilation compile(Map<String, String> sources, String... options) {
        List<JavaFileObject> files =
                sources.entrySet().stream()
                        .map(e -> JavaFileObjects.forSourceString(e.getKey(), e.getValue()))
                        .toList();
        return javac().withProcessors(new StageProcessor())
                .withOptions((Object[]) options)
                .compile(files);
    }

    /** The generated source of {@code qualifiedName}, or null. */
    static String generatedSource(Compilation compilation, String qualifiedName) {
        return compilation
                .generatedSourceFile(qualifiedName)
                .map(
                        file -> {
                            try {
                                return file.getCharContent(false).toString();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                .orElse(null);
    }

    /** A class loader over the class files of a successful {@code compilation}. */
    static ClassLoader load(Compilation compilation) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            // compile-testing names outputs /CLASS_OUTPUT/pkg/Name$Nested.class
            String path = file.toUri().getPath();
            String relative =
                    path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length());
            String name =
                    relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
            try (InputStream in = file.openInputStream()) {
                classes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ClassLoader("random-pipelines", InMemoryJavac.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }
}
