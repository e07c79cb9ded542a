package io.github.stagehand.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A valid pipeline: the owner class and its stages in declaration order.
 *
 * @param checkedExceptions the stages' checked exceptions, none a subtype of another, in the order
 *     first declared: what {@code run(...)} and the output's {@code close()} declare
 */
record PipelineModel(
        TypeElement owner,
        ClassName pipeline,
        List<StageDescriptor> stages,
        List<TypeMirror> checkedExceptions) {

    StageDescriptor head() {
        return stages.get(0);
    }

    StageDescriptor last() {
        return stages.get(stages.size() - 1);
    }

    boolean hasSink() {
        return last().shape() == Shape.SINK;
    }

    /** Whether some stage is an instance method, so the pipeline needs an owner instance. */
    boolean needsOwnerInstance() {
        return stages.stream().anyMatch(stage -> !stage.isStatic());
    }
}
