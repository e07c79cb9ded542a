package io.github.stagehand.processor;

import com.palantir.javapoet.JavaFile;
import java.util.List;
import java.util.Optional;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The Apache Beam lowering (docs/adr/0015): {@code <Owner>Beam} when Beam's SDK and {@code
 * stagehand-beam} are on the class path, after {@link BeamChecks}; {@link BeamWriter} writes it.
 */
final class BeamLowering implements PipelineExtension {
    private final Types types;
    private final Elements elements;

    BeamLowering(Types types, Elements elements) {
        this.types = types;
        this.elements = elements;
    }

    @Override
    public boolean available() {
        return BeamWriter.available(elements);
    }

    @Override
    public Optional<JavaFile> write(PipelineModel model, ErrorReporter reporter) {
        Optional<String> unsupported = BeamChecks.unsupported(model, elements, types);
        if (unsupported.isPresent()) {
            reporter.report(model.owner(), unsupported.get());
            return Optional.empty();
        }
        for (StageDescriptor stage : model.stages()) {
            SuppressWarnings suppressed = stage.method().getAnnotation(SuppressWarnings.class);
            boolean quiet =
                    suppressed != null && List.of(suppressed.value()).contains("BeamOrdered");
            if (stage.ordered() && !quiet) {
                reporter.report(stage.method(), Messages.beamOrdered(stage.name()));
            }
        }
        return Optional.of(BeamWriter.write(model, types));
    }
}
