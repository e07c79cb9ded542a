package io.github.stagehand.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one {@code @Stage} method on its own (modifiers, attributes, parameters) and reads its
 * shape off the signature. Rules that need the neighbours live in {@link PipelineValidator}.
 */
final class StageMethodValidator {
    private final Types types;
    private final Elements elements;
    private final ErrorReporter reporter;

    StageMethodValidator(Types types, Elements elements, ErrorReporter reporter) {
        this.types = types;
        this.elements = elements;
        this.reporter = reporter;
    }

    /**
     * Validates {@code method}, a stage of the class whose first stage, the head, is {@code first}
     * ({@code method} itself when it is the head).
     *
     * @return its descriptor, or empty after reporting why it is not a valid stage
     */
    Optional<StageDescriptor> validate(ExecutableElement method, ExecutableElement first) {
        boolean head = method.equals(first);
        String name = method.getSimpleName().toString();
        AnnotationMirror annotation = stageAnnotation(method);
        boolean valid = true;
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            reporter.report(method, Messages.privateStage(name));
            valid = false;
        }
        if (method.getModifiers().contains(Modifier.ABSTRACT)) {
            reporter.report(method, Messages.abstractStage(name));
            valid = false;
        }
        if (!method.getTypeParameters().isEmpty()) {
            reporter.report(method, Messages.genericStage(name));
            valid = false;
        }

        int workers = intValue(annotation, "workers");
        int buffer = intValue(annotation, "buffer");
        boolean ordered = booleanValue(annotation, "ordered");
        if (workers < 1) {
            reporter.report(
                    method,
                    annotation,
                    value(annotation, "workers"),
                    Messages.workers(name, workers));
            valid = false;
        }
        if (buffer < 0) {
            reporter.report(
                    method, annotation, value(annotation, "buffer"), Messages.buffer(name, buffer));
            valid = false;
        }

        List<StageParameter> parameters = new ArrayList<>();
        TypeMirror in = null;
        TypeMirror out = null; // the first Out's element type
        int ins = 0;
        int outs = 0;
        List<VariableElement> values = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            StageParameter.Kind kind = kindOf(parameter.asType());
            if (kind == StageParameter.Kind.IN || kind == StageParameter.Kind.OUT) {
                Optional<TypeMirror> element = elementType(parameter.asType());
                if (element.isEmpty()) {
                    reporter.report(
                            parameter,
                            Messages.rawChannel(name, parameter.getSimpleName().toString()));
                    valid = false;
                    continue;
                }
                if (kind == StageParameter.Kind.IN) {
                    ins++;
                    in = element.get();
                } else {
                    outs++;
                    out = out == null ? element.get() : out;
                }
            } else if (kind == StageParameter.Kind.VALUE) {
                values.add(parameter);
                kind = head ? StageParameter.Kind.ARGUMENT : StageParameter.Kind.VALUE;
            }
            parameters.add(new StageParameter(kind, parameter));
        }
        if (!valid) {
            return Optional.empty();
        }
        boolean returnsValue = method.getReturnType().getKind() != TypeKind.VOID;
        if (outs >= 1 && returnsValue) {
            reporter.report(method, Messages.outAndReturn(name));
            return Optional.empty();
        }

        Shape shape;
        TypeMirror input = null;
        TypeMirror output;
        if (head) {
            if (outs < 1 || ins != 0) {
                reporter.report(method, Messages.headShape(name));
                return Optional.empty();
            }
            shape = Shape.HEAD;
            output = out;
        } else if (ins == 0 && outComesFirst(parameters)) {
            // checked before the input count and the types: this is a head, not a broken flat stage
            reporter.report(method, Messages.secondHead(name, first.getSimpleName().toString()));
            return Optional.empty();
        } else if (ins + values.size() != 1 && !(ins > 1 && values.isEmpty())) {
            // one value, one In, or a join of several Ins
            reporter.report(method, Messages.inputCount(name));
            return Optional.empty();
        } else if (outs == 0 && !returnsValue && ins == 0) {
            reporter.report(method, Messages.emitsNothing(name));
            return Optional.empty();
        } else if (ins >= 1) {
            // several Ins make a join; a void sink, void f(In<T> in), keeps its void return type as
            // its output
            shape = outs >= 1 ? Shape.STREAM : Shape.SINK;
            input = in;
            output = outs >= 1 ? out : method.getReturnType();
        } else {
            shape = outs >= 1 ? Shape.FLAT : Shape.MAP;
            input = boxed(values.get(0).asType());
            output = outs >= 1 ? out : boxed(method.getReturnType());
        }

        if (workers > 1 && !shape.allowsWorkers()) {
            reporter.report(
                    method,
                    annotation,
                    value(annotation, "workers"),
                    Messages.workersShape(name, shape.toString()));
            return Optional.empty();
        }
        if (ordered && !shape.allowsOrdered()) {
            reporter.report(
                    method,
                    annotation,
                    value(annotation, "ordered"),
                    Messages.orderedShape(name, shape.toString()));
            return Optional.empty();
        }
        if (ordered && outs > 1) {
            reporter.report(
                    method, annotation, value(annotation, "ordered"), Messages.orderedPorts(name));
            return Optional.empty();
        }
        return Optional.of(
                new StageDescriptor(
                        method,
                        annotation,
                        shape,
                        input,
                        output,
                        List.copyOf(parameters),
                        workers,
                        buffer,
                        ordered,
                        method.getModifiers().contains(Modifier.STATIC),
                        method.getThrownTypes(),
                        stringsValue(annotation, "from")));
    }

    /** The element type of the {@code In}/{@code Out} parameter {@code channel}, validated. */
    static TypeMirror channelElement(VariableElement channel) {
        return elementType(channel.asType()).orElseThrow();
    }

    /** Whether the first parameter besides {@code Done} is the {@code Out}, as in a head. */
    private static boolean outComesFirst(List<StageParameter> parameters) {
        return parameters.stream()
                .filter(p -> p.kind() != StageParameter.Kind.DONE)
                .findFirst()
                .map(p -> p.kind() == StageParameter.Kind.OUT)
                .orElse(false);
    }

    private static StageParameter.Kind kindOf(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return StageParameter.Kind.VALUE;
        }
        String name =
                ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
        if (name.equals(RuntimeNames.IN.canonicalName())) {
            return StageParameter.Kind.IN;
        }
        if (name.equals(RuntimeNames.OUT.canonicalName())) {
            return StageParameter.Kind.OUT;
        }
        if (name.equals(RuntimeNames.DONE.canonicalName())) {
            return StageParameter.Kind.DONE;
        }
        return StageParameter.Kind.VALUE;
    }

    /** The T of {@code In<T>}/{@code Out<T>}; empty for a raw type or a wildcard. */
    private static Optional<TypeMirror> elementType(TypeMirror channel) {
        List<? extends TypeMirror> arguments = ((DeclaredType) channel).getTypeArguments();
        if (arguments.size() != 1 || arguments.get(0).getKind() == TypeKind.WILDCARD) {
            return Optional.empty();
        }
        return Optional.of(arguments.get(0));
    }

    private TypeMirror boxed(TypeMirror type) {
        return type.getKind().isPrimitive()
                ? types.boxedClass(types.getPrimitiveType(type.getKind())).asType()
                : type;
    }

    static AnnotationMirror stageAnnotation(ExecutableElement method) {
        for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(RuntimeNames.STAGE)) {
                return mirror;
            }
        }
        throw new IllegalStateException("no @Stage on " + method);
    }

    /** The value as written, for pointing at it; null when the default applies. */
    private static AnnotationValue value(AnnotationMirror annotation, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                annotation.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private Object valueWithDefault(AnnotationMirror annotation, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                elements.getElementValuesWithDefaults(annotation).entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue().getValue();
            }
        }
        throw new IllegalStateException("@Stage has no attribute " + name);
    }

    private int intValue(AnnotationMirror annotation, String name) {
        return (Integer) valueWithDefault(annotation, name);
    }

    private List<String> stringsValue(AnnotationMirror annotation, String name) {
        List<String> strings = new ArrayList<>();
        for (Object value : (List<?>) valueWithDefault(annotation, name)) {
            strings.add((String) ((AnnotationValue) value).getValue());
        }
        return List.copyOf(strings);
    }

    /** The value of {@code name} as written on {@code annotation}, or null for its default. */
    static AnnotationValue written(AnnotationMirror annotation, String name) {
        return value(annotation, name);
    }

    private boolean booleanValue(AnnotationMirror annotation, String name) {
        return (Boolean) valueWithDefault(annotation, name);
    }
}
