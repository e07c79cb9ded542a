package io.github.stagehand.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Checks what one stage cannot see alone, in passes: the owner class and the stage names before the
 * graph is built, then over the built {@link PipelineModel} that neighbours agree on the element
 * type and that every output is consumed. It reports, and builds nothing.
 */
final class PipelineValidator {
    private final Types types;
    private final ErrorReporter reporter;

    PipelineValidator(Types types, ErrorReporter reporter) {
        this.types = types;
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
            reporter.report(owner, Messages.ownerLocal(name.isEmpty() ? "anonymous" : name));
            return false;
        }
        for (Element e = owner;
                e.getKind().isClass() || e.getKind().isInterface();
                e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.report(
                        owner,
                        Messages.ownerPrivate(
                                name,
                                e.getSimpleName().toString(),
                                ModelBuilder.pipelineName(owner).simpleName()));
                return false;
            }
        }
        if (owner.getNestingKind() == NestingKind.MEMBER
                && !owner.getModifiers().contains(Modifier.STATIC)
                && owner.getKind() == ElementKind.CLASS
                && owner.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
            reporter.report(owner, Messages.ownerInner(name));
            return false;
        }
        if ((name.equals("Builder") || name.equals("Output") || name.equals("Result"))
                && owner.getNestingKind() == NestingKind.TOP_LEVEL
                && ((PackageElement) owner.getEnclosingElement()).isUnnamed()) {
            // a named package lets the generated code qualify the owner; the default package does
            // not
            reporter.report(owner, Messages.ownerName(name));
            return false;
        }
        if (!owner.getTypeParameters().isEmpty()) {
            reporter.report(owner, Messages.ownerGeneric(name));
            return false;
        }
        return true;
    }

    /**
     * The names pass, before the graph is built: stage names are unique, so that {@code from} can
     * name them. Reports and returns false if not.
     */
    boolean validateNames(List<StageDescriptor> stages) {
        boolean valid = true;
        Set<String> names = new HashSet<>();
        for (StageDescriptor stage : stages) {
            if (!names.add(stage.name())) {
                reporter.report(stage.method(), Messages.duplicateName(stage.name()));
                valid = false;
            }
        }
        return valid;
    }

    /**
     * The passes over the built graph: neighbours agree on their element types, and the pipeline
     * ends in sinks or in one open output. Reports and returns false if not.
     */
    boolean validate(PipelineModel model) {
        return typesAgree(model) && endsAreConsumed(model);
    }

    /** The types pass: every edge carries what its consumer takes; merged inputs agree. */
    private boolean typesAgree(PipelineModel model) {
        boolean valid = true;
        for (StageDescriptor stage : model.stages()) {
            List<Port> inputs = model.inputs(stage);
            if (stage.isJoin()) {
                // the k-th name in from feeds the k-th In, which names its type exactly
                for (int k = 0; k < inputs.size(); k++) {
                    StageParameter in = stage.ins().get(k);
                    TypeMirror takes = StageMethodValidator.channelElement(in.element());
                    if (!types.isSameType(inputs.get(k).type(), takes)) {
                        reporter.report(
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
                if (stage.isBatch() && !acceptsBatched(stage, port.type())) {
                    StageParameter value = stage.inputParameter().orElseThrow();
                    reporter.report(
                            value.element(),
                            Messages.batchType(
                                    stage.name(),
                                    value.element().asType().toString(),
                                    port.name(),
                                    port.type().toString()));
                    valid = false;
                } else if (!stage.isBatch() && !accepts(stage, port.type())) {
                    reportMismatch(stage, port);
                    valid = false;
                }
            }
            for (Port port : inputs) {
                if (valid && !types.isSameType(port.type(), inputs.get(0).type())) {
                    reporter.report(
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
        reporter.report(
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
    private boolean endsAreConsumed(PipelineModel model) {
        List<Port> open = new ArrayList<>();
        for (StageDescriptor stage : model.stages()) {
            for (Port port : stage.ports()) {
                if (model.consumers(port).isEmpty()) {
                    open.add(port);
                }
            }
        }
        List<String> sinks = model.sinks().stream().map(StageDescriptor::name).toList();
        if (sinks.isEmpty() && open.size() > 1) {
            List<String> names = open.stream().map(Port::name).toList();
            for (Port port : open) {
                reporter.report(where(port), Messages.openEnds(names));
            }
            return false;
        }
        if (!sinks.isEmpty() && !open.isEmpty()) {
            for (Port port : open) {
                reporter.report(where(port), Messages.unconsumedOutput(port.name(), sinks));
            }
            return false;
        }
        return true;
    }

    private static javax.lang.model.element.Element where(Port port) {
        return port.parameter() != null ? port.parameter() : port.stage().method();
    }

    /**
     * Whether a batch of the values {@code emitted} by the previous stage, made as a {@code
     * List<T>} with the stage's own {@code T}, can be passed to the batch stage {@code stage}: its
     * {@code T} is {@code emitted} or a supertype, or a wildcard that {@code emitted} fits.
     */
    private boolean acceptsBatched(StageDescriptor stage, TypeMirror emitted) {
        if (stage.input() != null) {
            return types.isAssignable(emitted, stage.input());
        }
        DeclaredType list = (DeclaredType) stage.inputParameter().orElseThrow().element().asType();
        if (list.getTypeArguments().isEmpty()) {
            return true; // a raw List
        }
        WildcardType wildcard = (WildcardType) list.getTypeArguments().get(0);
        if (wildcard.getExtendsBound() != null) {
            return types.isAssignable(emitted, wildcard.getExtendsBound());
        }
        return wildcard.getSuperBound() == null
                || types.isAssignable(wildcard.getSuperBound(), emitted);
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
}
