package io.github.stagehand.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks what one stage cannot see alone: the owner class, names, where the sink stands, and that
 * neighbours agree on the element type. Then builds the {@link PipelineModel}.
 */
final class PipelineValidator {
    private final Types types;
    private final Elements elements;
    private final ErrorReporter reporter;

    PipelineValidator(Types types, Elements elements, ErrorReporter reporter) {
        this.types = types;
        this.elements = elements;
        this.reporter = reporter;
    }

    /**
     * Checks that the generated class can name and reach {@code owner}; reports and returns false
     * if not.
     */
    boolean validateOwner(TypeElement owner) {
        String name = owner.getSimpleName().toString();
        if (owner.getNestingKind() == NestingKind.LOCAL
                || owner.getNestingKind() == NestingKind.ANONYMOUS) {
            reporter.error(owner, Messages.ownerLocal(name.isEmpty() ? "anonymous" : name));
            return false;
        }
        for (Element e = owner;
                e.getKind().isClass() || e.getKind().isInterface();
                e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error(
                        owner,
                        Messages.ownerPrivate(
                                name,
                                e.getSimpleName().toString(),
                                pipelineName(owner).simpleName()));
                return false;
            }
        }
        if (owner.getNestingKind() == NestingKind.MEMBER
                && !owner.getModifiers().contains(Modifier.STATIC)
                && owner.getKind() == ElementKind.CLASS
                && owner.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
            reporter.error(owner, Messages.ownerInner(name));
            return false;
        }
        if ((name.equals("Builder") || name.equals("Output") || name.equals("Result"))
                && owner.getNestingKind() == NestingKind.TOP_LEVEL
                && ((PackageElement) owner.getEnclosingElement()).isUnnamed()) {
            // a named package lets the generated code qualify the owner; the default package does
            // not
            reporter.error(owner, Messages.ownerName(name));
            return false;
        }
        if (!owner.getTypeParameters().isEmpty()) {
            reporter.error(owner, Messages.ownerGeneric(name));
            return false;
        }
        return true;
    }

    /**
     * Checks the chain of {@code stages} of {@code owner}; reports and returns empty if it is
     * broken.
     */
    Optional<PipelineModel> validate(TypeElement owner, List<StageDescriptor> stages) {
        boolean valid = true;
        Set<String> names = new HashSet<>();
        for (StageDescriptor stage : stages) {
            if (!names.add(stage.name())) {
                reporter.error(stage.method(), Messages.duplicateName(stage.name()));
                valid = false;
            }
        }
        if (!valid) {
            return Optional.empty();
        }
        Optional<List<Edge>> resolved = new GraphResolver(reporter).resolve(stages);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        List<Edge> edges = resolved.get();
        if (!typesAgree(stages, edges) || !endsAreConsumed(stages, edges)) {
            return Optional.empty();
        }
        return Optional.of(
                new PipelineModel(
                        owner,
                        pipelineName(owner),
                        List.copyOf(stages),
                        edges,
                        checkedExceptions(stages)));
    }

    /** The types pass: every edge carries what its consumer takes; merged inputs agree. */
    private boolean typesAgree(List<StageDescriptor> stages, List<Edge> edges) {
        boolean valid = true;
        for (StageDescriptor stage : stages) {
            List<Port> inputs = inputsOf(stage, edges);
            if (stage.isJoin()) {
                // the k-th name in from feeds the k-th In, which names its type exactly
                for (int k = 0; k < inputs.size(); k++) {
                    StageParameter in = stage.ins().get(k);
                    TypeMirror takes = StageMethodValidator.channelElement(in.element());
                    if (!types.isSameType(inputs.get(k).type(), takes)) {
                        reporter.error(
                                in.element(),
                                Messages.inTypeMismatch(
                                        stage.name(),
                                        takes.toString(),
                                        inputs.get(k).name(),
                                        inputs.get(k).type().toString()));
                        valid = false;
                    }
                }
                continue;
            }
            for (Port port : inputs) {
                if (!accepts(stage, port.type())) {
                    reportMismatch(stage, port);
                    valid = false;
                }
            }
            for (Port port : inputs) {
                if (valid && !types.isSameType(port.type(), inputs.get(0).type())) {
                    reporter.error(
                            stage.inputParameter().orElseThrow().element(),
                            Messages.mergeTypes(
                                    stage.name(),
                                    inputs.get(0).name(),
                                    inputs.get(0).type().toString(),
                                    port.name(),
                                    port.type().toString()));
                    valid = false;
                }
            }
        }
        return valid;
    }

    private void reportMismatch(StageDescriptor stage, Port port) {
        StageParameter input = stage.inputParameter().orElseThrow();
        String emits = port.type().toString();
        reporter.error(
                input.element(),
                input.kind() == StageParameter.Kind.IN
                        ? Messages.inTypeMismatch(
                                stage.name(), stage.input().toString(), port.name(), emits)
                        : Messages.typeMismatch(
                                stage.name(),
                                input.element().asType().toString(),
                                port.name(),
                                emits));
    }

    /**
     * The ends pass: a pipeline ends in sinks only, every output consumed, or in exactly one output
     * that no stage consumes (what {@code start(...)} returns) and no sink.
     */
    private boolean endsAreConsumed(List<StageDescriptor> stages, List<Edge> edges) {
        List<Port> open = new ArrayList<>();
        for (StageDescriptor stage : stages) {
            for (Port port : stage.ports()) {
                if (edges.stream().noneMatch(edge -> edge.from().equals(port))) {
                    open.add(port);
                }
            }
        }
        List<String> sinks =
                stages.stream()
                        .filter(stage -> stage.shape() == Shape.SINK)
                        .map(StageDescriptor::name)
                        .toList();
        if (sinks.isEmpty() && open.size() > 1) {
            List<String> names = open.stream().map(Port::name).toList();
            for (Port port : open) {
                reporter.error(where(port), Messages.openEnds(names));
            }
            return false;
        }
        if (!sinks.isEmpty() && !open.isEmpty()) {
            for (Port port : open) {
                reporter.error(where(port), Messages.unconsumedOutput(port.name(), sinks));
            }
            return false;
        }
        return true;
    }

    private static javax.lang.model.element.Element where(Port port) {
        return port.parameter() != null ? port.parameter() : port.stage().method();
    }

    /** The outputs that feed {@code stage}, in its {@code from} order. */
    static List<Port> inputsOf(StageDescriptor stage, List<Edge> edges) {
        return edges.stream().filter(edge -> edge.to() == stage).map(Edge::from).toList();
    }

    /** Whether the values {@code emitted} by the previous stage can be passed to {@code stage}. */
    private boolean accepts(StageDescriptor stage, TypeMirror emitted) {
        StageParameter input = stage.inputParameter().orElseThrow();
        if (input.kind() == StageParameter.Kind.IN) {
            // the generated code hands over a Channel<emitted> where In<input> is expected
            return types.isSameType(emitted, stage.input());
        }
        return types.isAssignable(emitted, input.element().asType());
    }

    /**
     * {@code Owner} gives {@code OwnerPipeline}; a nested {@code Outer.Inner} gives {@code
     * Outer_InnerPipeline}.
     */
    static ClassName pipelineName(TypeElement owner) {
        ClassName name = ClassName.get(owner);
        return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + "Pipeline");
    }

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
