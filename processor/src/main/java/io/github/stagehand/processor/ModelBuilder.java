package io.github.stagehand.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Builds a pipeline's {@link PipelineModel} once, from its valid stage descriptors: the edges
 * ({@link GraphResolver} resolves each {@code from}), the generated class's name, and the checked
 * exceptions {@code run(...)} declares. It validates nothing the passes of {@link
 * PipelineValidator} check; what it cannot build (an unknown {@code from} name) it reports.
 */
final class ModelBuilder {
    private final Types types;
    private final Elements elements;
    private final ErrorReporter reporter;

    ModelBuilder(Types types, Elements elements, ErrorReporter reporter) {
        this.types = types;
        this.elements = elements;
        this.reporter = reporter;
    }

    /** The model of {@code owner}'s {@code stages}; empty if its edges could not be resolved. */
    Optional<PipelineModel> build(TypeElement owner, List<StageDescriptor> stages) {
        return new GraphResolver(reporter)
                .resolve(stages)
                .map(
                        edges ->
                                new PipelineModel(
                                        owner,
                                        pipelineName(owner),
                                        List.copyOf(stages),
                                        List.copyOf(edges),
                                        checkedExceptions(stages)));
    }

    /**
     * {@code Owner} gives {@code OwnerPipeline}; a nested {@code Outer.Inner} gives {@code
     * Outer_InnerPipeline}.
     */
    static ClassName pipelineName(TypeElement owner) {
        ClassName name = ClassName.get(owner);
        return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + "Pipeline");
    }

    /** The stages' checked exceptions, none a subtype of another, in the order first declared. */
    private List<TypeMirror> checkedExceptions(List<StageDescriptor> stages) {
        TypeMirror runtimeException =
                elements.getTypeElement("java.lang.RuntimeException").asType();
        TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
        List<TypeMirror> all = new ArrayList<>();
        for (StageDescriptor stage : stages) {
            for (TypeMirror thrown : stage.thrown()) {
                if (!types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error)) {
                    all.add(thrown);
                }
            }
        }
        List<TypeMirror> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            TypeMirror t = all.get(i);
            boolean covered = false;
            for (int j = 0; j < all.size() && !covered; j++) {
                TypeMirror u = all.get(j);
                covered = j != i && types.isSubtype(t, u) && (!types.isSameType(t, u) || j < i);
            }
            if (!covered) {
                kept.add(t);
            }
        }
        return List.copyOf(kept);
    }
}
