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
 * @param batch the most elements of a batch ({@code @Stage(batch = ...)}), 0 for a stage without
 *     batches; a batch stage's {@code input} is its {@code List<T>}'s {@code T}, or null when that
 *     is a wildcard or raw, and the producer's element type is used
 * @param linger a batch stage's linger, or null for none
 * @param every a poller's period, or null for a head that is called once
 * @param rate the stage's rate, or null for none
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
        boolean fuse,
        boolean isStatic,
        List<? extends TypeMirror> thrown,
        List<String> from,
        int batch,
        TimeValues.Span linger,
        TimeValues.Span every,
        TimeValues.Rate rate) {

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
        if (shape == Shape.MAP || (shape == Shape.HEAD && !takes(StageParameter.Kind.OUT))) {
            // a map's return value, or a poller's that returns its value
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

    /** Whether the stage takes its input in batches: {@code @Stage(batch = n)}. */
    boolean isBatch() {
        return batch > 0;
    }

    /** Whether several workers can share this stage's input: a batch sink's too. */
    boolean allowsWorkers() {
        return shape.allowsWorkers() || (shape == Shape.SINK && isBatch());
    }

    /**
     * Whether the stage may return before its input has ended: a stream or sink stage that takes an
     * {@code In}, not a batch sink, which ranges over its input as a map stage does.
     */
    boolean mayEndEarly() {
        return (shape == Shape.SINK || shape == Shape.STREAM) && !isBatch();
    }

    boolean takes(StageParameter.Kind kind) {
        return parameters.stream().anyMatch(p -> p.kind() == kind);
    }
}
