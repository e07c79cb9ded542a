package io.github.stagehand.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What the Beam lowering checks before {@link BeamWriter} writes: the first thing in a pipeline it
 * cannot carry (a stream stage or join with several outputs, a poller, a rate), as a warning on the
 * owner (then no {@code <Owner>Beam} is written), and each ordered stage, whose order Beam does not
 * keep (a warning, unless suppressed with {@code @SuppressWarnings("BeamOrdered")}).
 */
final class BeamChecks {
    private BeamChecks() {}

    /** The first thing in {@code model} that the lowering cannot carry yet, as a warning. */
    static Optional<String> unsupported(PipelineModel model, Elements elements, Types types) {
        for (StageDescriptor stage : model.stages()) {
            String why = null;
            if (stage.every() != null) {
                why =
                        "it is a poller (every), and a Beam graph's sources are read, not called on"
                                + " a schedule";
            } else if (stage.rate() != null) {
                why =
                        "it has a rate, which Beam's workers, each running on its own, cannot keep"
                                + " together";
            } else if (stage.shape() == Shape.STREAM && stage.ports().size() > 1) {
                why =
                        "it is a stream stage with several outputs, which is not lowered onto Beam yet";
            } else if (stage.isJoin() && stage.ports().size() > 1) {
                why =
                        "it joins several inputs and has several outputs, which is not lowered onto Beam yet";
            }
            if (why != null) {
                return Optional.of(
                        Messages.beamUnsupported(model.pipeline().simpleName(), stage.name(), why));
            }
        }
        for (StageDescriptor stage : model.stages()) {
            List<TypeMirror> emitted = new ArrayList<>();
            stage.ports().forEach(port -> emitted.add(port.type()));
            if (stage.shape() == Shape.SINK) {
                emitted.add(stage.output());
            }
            if (stage.isVoidSink()) {
                emitted.clear();
            }
            for (TypeMirror type : emitted) {
                if (!encodable(type, elements, types)) {
                    return Optional.of(
                            Messages.beamNoCoder(
                                    model.pipeline().simpleName(), stage.name(), type.toString()));
                }
            }
            for (StageParameter parameter : stage.parameters()) {
                TypeMirror type = parameter.element().asType();
                if (parameter.kind() == StageParameter.Kind.ARGUMENT
                        && !encodable(type, elements, types)) {
                    return Optional.of(
                            Messages.beamArgumentNotSerializable(
                                    model.pipeline().simpleName(),
                                    stage.name(),
                                    parameter.name(),
                                    type.toString()));
                }
            }
        }
        if (model.needsOwnerInstance()) {
            TypeMirror serializable = elements.getTypeElement("java.io.Serializable").asType();
            if (!types.isAssignable(model.owner().asType(), serializable)) {
                return Optional.of(
                        Messages.beamOwnerNotSerializable(
                                model.owner().getSimpleName().toString()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether Beam's default coders can encode {@code type}, as far as the compiler can tell: a
     * primitive or its box, {@code String}, {@code byte[]}, a {@code List}, {@code Set}, {@code
     * Collection}, {@code Iterable} or {@code Map} of such, a type annotated {@code @DefaultCoder},
     * or one that implements {@code Serializable} (Beam's fallback). A type that is none of these
     * makes Beam refuse the graph when it is built, with "Unable to provide a Coder".
     */
    static boolean encodable(TypeMirror type, Elements elements, Types types) {
        if (type.getKind().isPrimitive()) {
            return true;
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE;
        }
        if (!(type instanceof DeclaredType declared)) {
            return false;
        }
        TypeElement element = (TypeElement) declared.asElement();
        String name = element.getQualifiedName().toString();
        if (List.of(
                        "java.util.List",
                        "java.util.Set",
                        "java.util.Collection",
                        "java.lang.Iterable",
                        "java.util.Map")
                .contains(name)) {
            return declared.getTypeArguments().stream()
                    .allMatch(t -> encodable(t, elements, types));
        }
        for (var annotation : element.getAnnotationMirrors()) {
            if (annotation
                    .getAnnotationType()
                    .toString()
                    .equals("org.apache.beam.sdk.coders.DefaultCoder")) {
                return true;
            }
        }
        TypeMirror serializable = elements.getTypeElement("java.io.Serializable").asType();
        return types.isAssignable(types.erasure(type), serializable);
    }
}
