package io.github.stagehand.processor;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * One valid {@code @Stage} method, as the writer needs it.
 *
 * @param input the element type the stage receives, boxed; null for the head
 * @param output the element type it emits, boxed; for a sink, its return type as declared: {@link
 *     TypeKind#VOID} for a void sink
 */
record StageDescriptor(
        ExecutableElement method,
        AnnotationMirror annotation,
        Shape shape,
        TypeMirror input,
        TypeMirror output,
        List<StageParameter> parameters,
        int workers,
        int buffer,
        boolean ordered,
        boolean isStatic,
        List<? extends TypeMirror> thrown) {

    String name() {
        return method.getSimpleName().toString();
    }

    /** The parameter the input arrives through: the value of a map or flat stage, or its In. */
    Optional<StageParameter> inputParameter() {
        return parameters.stream()
                .filter(
                        p ->
                                p.kind() == StageParameter.Kind.VALUE
                                        || p.kind() == StageParameter.Kind.IN)
                .findFirst();
    }

    /**
     * Whether this is the for-each sink {@code void f(In<T> in)}: {@code run(...)} returns void.
     */
    boolean isVoidSink() {
        return shape == Shape.SINK && output.getKind() == TypeKind.VOID;
    }

    boolean takes(StageParameter.Kind kind) {
        return parameters.stream().anyMatch(p -> p.kind() == kind);
    }
}
