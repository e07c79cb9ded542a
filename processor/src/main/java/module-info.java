/**
 * Stagehand's annotation processor: writes {@code <Owner>Pipeline} for each class with {@code
 * Stage} methods. It exports nothing; compilers find it as a service, on the processor path
 * (through {@code META-INF/services}) or the processor module path (through {@code provides}).
 *
 * <p>The published jar holds Palantir JavaPoet, relocated to {@code
 * io.github.stagehand.processor.shaded.com.palantir.javapoet}: its packages are this module's own,
 * so nothing here requires it. {@code jdk.compiler} is optional: the checks that read method bodies
 * use its syntax trees where it is present, and are skipped with a note where it is not
 * (docs/adr/0017-one-processor-jar.md).
 */
module io.github.stagehand.processor {
    requires java.compiler;
    requires static jdk.compiler;

    provides javax.annotation.processing.Processor with
            io.github.stagehand.processor.StageProcessor;
}
