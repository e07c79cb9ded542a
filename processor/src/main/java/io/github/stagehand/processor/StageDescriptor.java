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
 * @param output the element type it emits, boxed (its first port's, see {@link #ports()}); for a
 *     sink, its return type as declared: {@link TypeKind#VOID} for a void sink
 * @param from the outputs it consumes as {@code @Stage(from = ...)} names them; empty for the
 *     previous stage
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
        List<? extends TypeMirror> thrown,
        List<String> from) {

    String name() {
        return method.getSimpleName().toString();
    }

    /**
     * The stage's outputs, in parameter order: one per {@code Out}, named {@code stage.parameter}
     * when there are several; a map's return value, named after the stage; none for a sink.
     */
    List<Port> ports() {
        if (shape == Shape.SINK) {
            return List.of();
        }
        if (shape == Shape.MAP) {
            return List.of(new Port(name(), this, null, output));
        }
        List<StageParameter> outs =
                parameters.stream().filter(p -> p.kind() == StageParameter.Kind.OUT).toList();
        return outs.stream()
                .map(
                        p ->
                                new Port(
                                        outs.size() == 1 ? name() : name() + "." + p.name(),
                                        this,
                                        p.element(),
                                        StageMethodValidator.channelElement(p.element())))
                .toList();
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

    /** The {@code In} parameters, in order: several make a join, bound to {@code from} in order. */
    List<StageParameter> ins() {
        return parameters.stream().filter(p -> p.kind() == StageParameter.Kind.IN).toList();
    }

    /** Whether this stream or sink stage reads several inputs, one per name in {@code from}. */
    boolean isJoin() {
        return ins().size() > 1;
    }

    boolean takes(StageParameter.Kind kind) {
        return parameters.stream().anyMatch(p -> p.kind() == kind);
    }
}
