package io.github.stagehand.processor;

import com.palantir.javapoet.JavaFile;
import java.util.Optional;

/**
 * A second writer over the same {@link PipelineModel}, for an engine that is on the class path
 * being compiled (Apache Beam: {@link BeamLowering}). Its checks stand beside its writer and report
 * through the one {@link ErrorReporter}; the in-process pipeline is written whatever they say.
 */
interface PipelineExtension {

    /** Whether the engine is on the class path, so that this extension applies. */
    boolean available();

    /**
     * The engine's own file for {@code model}, after its checks; empty, with a warning reported,
     * when the engine cannot carry the pipeline.
     */
    Optional<JavaFile> write(PipelineModel model, ErrorReporter reporter);
}
