package io.github.stagehand.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.github.stagehand.processor.TestSources.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Build tools wrap javac's processing environment (Gradle does for incremental processing, with its
 * own filer): the checks on syntax trees look through such a wrapper and still run; where no
 * environment can be found inside, they are skipped with the note, as under Eclipse's compiler.
 */
class WrappedEnvironmentTest {
    private static final JavaFileObject LOCAL =
            owner(
                    "Local",
                    "public final class Local {",
                    "    static Object build() {",
                    "        class Inside {",
                    "            @Stage",
                    "            static void gen(Out<Integer> out) {}",
                    "        }",
                    "        return new Inside();",
                    "    }",
                    "",
                    "    @Stage",
                    "    static void numbers(Out<Integer> out) {}",
                    "}");

    @Test
    void aDelegatingWrapperIsLookedThrough() {
        Compilation compilation = compile(Delegating::new);

        assertThat(compilation).hadErrorContaining("[StageOwnerLocal]");
        assertEquals(0, notes(compilation));
    }

    @Test
    void aProxyIsLookedThrough() {
        Compilation compilation =
                compile(
                        env ->
                                (ProcessingEnvironment)
                                        Proxy.newProxyInstance(
                                                getClass().getClassLoader(),
                                                new Class<?>[] {ProcessingEnvironment.class},
                                                (proxy, method, args) -> method.invoke(env, args)));

        assertThat(compilation).hadErrorContaining("[StageOwnerLocal]");
        assertEquals(0, notes(compilation));
    }

    @Test
    void aWrapperThatHidesTheEnvironmentSkipsTheChecksWithTheNote() {
        // the environment inside a list: no field holds one
        Compilation compilation = compile(env -> new Delegating(List.of(env)));

        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("[StageTreeChecksSkipped]");
        assertThat(compilation).hadNoteContaining("the processing environment is not javac's");
        assertEquals(1, notes(compilation));
    }

    private static Compilation compile(UnaryOperator<ProcessingEnvironment> wrap) {
        return javac().withProcessors(new Wrapping(new StageProcessor(), wrap)).compile(LOCAL);
    }

    private static long notes(Compilation compilation) {
        return compilation.notes().stream()
                .filter(n -> n.getMessage(Locale.ROOT).contains("[StageTreeChecksSkipped]"))
                .count();
    }

    /** A processor run with a wrapped environment, as Gradle runs an isolating processor. */
    private record Wrapping(Processor processor, UnaryOperator<ProcessingEnvironment> wrap)
            implements Processor {
        @Override
        public void init(ProcessingEnvironment env) {
            processor.init(wrap.apply(env));
        }

        @Override
        public Set<String> getSupportedOptions() {
            return processor.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return processor.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return processor.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return processor.process(annotations, round);
        }

        @Override
        public Iterable<? extends Completion> getCompletions(
                Element element,
                AnnotationMirror annotation,
                ExecutableElement member,
                String userText) {
            return processor.getCompletions(element, annotation, member, userText);
        }
    }

    /** Delegates to the environment it holds, directly or as the first element of a list. */
    private static final class Delegating implements ProcessingEnvironment {
        private final Object held;

        Delegating(Object held) {
            this.held = held;
        }

        private ProcessingEnvironment delegate() {
            return held instanceof List<?> list
                    ? (ProcessingEnvironment) list.get(0)
                    : (ProcessingEnvironment) held;
        }

        @Override
        public Map<String, String> getOptions() {
            return delegate().getOptions();
        }

        @Override
        public Messager getMessager() {
            return delegate().getMessager();
        }

        @Override
        public Filer getFiler() {
            return delegate().getFiler();
        }

        @Override
        public Elements getElementUtils() {
            return delegate().getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return delegate().getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return delegate().getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return delegate().getLocale();
        }
    }
}
