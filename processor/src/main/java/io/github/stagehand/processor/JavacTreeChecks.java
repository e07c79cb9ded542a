package io.github.stagehand.processor;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;

/**
 * {@link TreeChecks} on javac's syntax trees. Loaded only by {@link TreeChecks#create}, after the
 * {@code com.sun.source} classes were found: it and the scanners it holds are the processor's only
 * classes that link against {@code jdk.compiler}.
 */
final class JavacTreeChecks implements TreeChecks {
    private final LocalStageScanner locals;
    private final CancelCatchScanner catches;

    private JavacTreeChecks(Trees trees) {
        this.locals = new LocalStageScanner(trees);
        this.catches = new CancelCatchScanner(trees);
    }

    /**
     * The checks on {@code env}'s trees.
     *
     * @throws IllegalArgumentException when {@code env} is not javac's (Eclipse's compiler)
     */
    static TreeChecks create(ProcessingEnvironment env) {
        return new JavacTreeChecks(Trees.instance(env));
    }

    @Override
    public void scanRound(RoundEnvironment round) {
        locals.scan(round);
    }

    @Override
    public void scanStage(StageDescriptor stage) {
        catches.scan(stage);
    }

    @Override
    public String skippedBecause() {
        return null;
    }
}
