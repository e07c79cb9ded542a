package io.github.stagehand.processor;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;

/**
 * The checks that read method bodies, which {@code javax.lang.model} does not show: {@code
 * [StageOwnerLocal]} for {@code @Stage} methods in local and anonymous classes, and {@code
 * [StageCatchesCancel]} for a catch that swallows a stage's cancellation. They need javac's syntax
 * trees ({@code com.sun.source.util.Trees}, in the {@code jdk.compiler} module), so they live in
 * {@link JavacTreeChecks}, which only {@link #create} names and only once the Trees API has been
 * found. This type names no {@code com.sun.source} type: the processor links, generates and reports
 * everything else on a compiler without them (Eclipse's, on a runtime with or without {@code
 * jdk.compiler}), and says once which checks it skipped (docs/adr/0017-one-processor-jar.md). A
 * build tool's wrapper around javac's environment (Gradle's, for incremental processing) is looked
 * through, so the checks run there.
 */
interface TreeChecks {

    /** Reports {@code [StageOwnerLocal]} on this round's local and anonymous stage owners. */
    void scanRound(RoundEnvironment round);

    /** Warns {@code [StageCatchesCancel]} at each catch in {@code stage}'s body that needs it. */
    void scanStage(StageDescriptor stage);

    /** Why the checks do not run (for the note); null when they do. */
    String skippedBecause();

    /** The javac checks when this compiler offers syntax trees, else checks that do nothing. */
    static TreeChecks create(ProcessingEnvironment env) {
        try {
            Class.forName("com.sun.source.util.Trees", false, TreeChecks.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return new Skipped("the compiler runs without the jdk.compiler module");
        }
        try {
            return JavacTreeChecks.create(javacEnvironment(env));
        } catch (IllegalArgumentException e) {
            // Trees.instance accepts javac's own processing environment only
            return new Skipped(
                    "the processing environment is not javac's ("
                            + env.getClass().getName()
                            + " offers no syntax trees)");
        } catch (LinkageError e) {
            return new Skipped("javac's syntax tree API could not be loaded (" + e + ")");
        }
    }

    /** The class of javac's own processing environment, the only one {@code Trees} accepts. */
    String JAVAC_ENVIRONMENT = "com.sun.tools.javac.processing.JavacProcessingEnvironment";

    /**
     * {@code env}, or javac's own environment when a build tool wrapped it: Gradle hands an
     * isolating processor a delegating environment with its own filer, and a wrapper may also be a
     * {@link Proxy}. Looks through a few such layers for a field that holds another environment;
     * returns {@code env} when it finds none (then {@code Trees.instance} refuses it).
     */
    private static ProcessingEnvironment javacEnvironment(ProcessingEnvironment env) {
        ProcessingEnvironment current = env;
        for (int depth = 0; depth < 4; depth++) {
            if (current.getClass().getName().equals(JAVAC_ENVIRONMENT)) {
                return current;
            }
            ProcessingEnvironment inner = wrapped(current);
            if (inner == null) {
                return env;
            }
            current = inner;
        }
        return env;
    }

    /** The environment a wrapper (or a proxy's handler) holds in a field; null if none. */
    private static ProcessingEnvironment wrapped(ProcessingEnvironment wrapper) {
        Object holder =
                Proxy.isProxyClass(wrapper.getClass())
                        ? Proxy.getInvocationHandler(wrapper)
                        : wrapper;
        for (Class<?> type = holder.getClass();
                type != null && type != Object.class;
                type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    if (field.get(holder) instanceof ProcessingEnvironment inner
                            && inner != wrapper) {
                        return inner;
                    }
                } catch (RuntimeException | IllegalAccessException e) {
                    // a field of a module that does not open to us: not the one
                }
            }
        }
        return null;
    }

    /** The checks skipped: nothing is scanned, and the reason is kept for the note. */
    record Skipped(String skippedBecause) implements TreeChecks {
        @Override
        public void scanRound(RoundEnvironment round) {}

        @Override
        public void scanStage(StageDescriptor stage) {}
    }
}
