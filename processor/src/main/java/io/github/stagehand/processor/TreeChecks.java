package io.github.stagehand.processor;

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
 * jdk.compiler}), and says once which checks it skipped (docs/adr/0017-one-processor-jar.md).
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
            return JavacTreeChecks.create(env);
        } catch (IllegalArgumentException e) {
            // Trees.instance accepts javac's own processing environment only
            return new Skipped(
                    "the compiler is not javac ("
                            + env.getClass().getName()
                            + " offers no javac syntax trees)");
        } catch (LinkageError e) {
            return new Skipped("javac's syntax tree API could not be loaded (" + e + ")");
        }
    }

    /** The checks skipped: nothing is scanned, and the reason is kept for the note. */
    record Skipped(String skippedBecause) implements TreeChecks {
        @Override
        public void scanRound(RoundEnvironment round) {}

        @Override
        public void scanStage(StageDescriptor stage) {}
    }
}
