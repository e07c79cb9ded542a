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

        int batch = intValue(annotation, "batch");
        if (batch < 0) {
            reporter.report(
                    method, annotation, value(annotation, "batch"), Messages.batch(name, batch));
            valid = false;
        }
        TimeValues.Span linger = duration(method, annotation, "linger");
        TimeValues.Span every = duration(method, annotation, "every");
        TimeValues.Rate rate = null;
        String rateText = stringValue(annotation, "rate");
        if (!rateText.isEmpty()) {
            rate = TimeValues.rate(rateText).orElse(null);
            if (rate == null) {
                reporter.report(
                        method,
                        annotation,
                        value(annotation, "rate"),
                        Messages.rate(name, rateText));
                valid = false;
            }
        }
        valid &= placesTimeAttributes(method, annotation, head, first, batch);
        valid &= stringValue(annotation, "linger").isEmpty() || linger != null;
        valid &= stringValue(annotation, "every").isEmpty() || every != null;

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
            boolean poller = !stringValue(annotation, "every").isEmpty();
            if (poller && outs == 0 && ins == 0 && returnsValue) {
                // a poller that returns its value: one element per call, a null ends the stream
                output = boxed(method.getReturnType());
            } else if (outs < 1 || ins != 0) {
                reporter.report(method, Messages.headShape(name));
                return Optional.empty();
            } else {
                output = out;
            }
            shape = Shape.HEAD;
        } else if (ins == 0 && outComesFirst(parameters)) {
            // checked before the input count and the types: this is a head, not a broken flat stage
            reporter.report(method, Messages.secondHead(name, first.getSimpleName().toString()));
            return Optional.empty();
        } else if (ins + values.size() != 1 && !(ins > 1 && values.isEmpty())) {
            // one value, one In, or a join of several Ins
            reporter.report(method, Messages.inputCount(name));
            return Optional.empty();
        } else if (batch > 0) {
            if (ins >= 1) {
                reportBatchShape(
                        method,
                        annotation,
                        "it takes an In, and a stream or sink stage receives for itself",
                        "Take a List<T> instead of the In, or remove batch and receive with"
                                + " in.receive(Duration) to batch by time");
                return Optional.empty();
            }
            VariableElement value = values.get(0);
            if (!isList(value.asType())) {
                reportBatchShape(
                        method,
                        annotation,
                        "its value parameter "
                                + value.getSimpleName()
                                + " is a "
                                + value.asType()
                                + ", not a List",
                        "Take a List<" + boxed(value.asType()) + ">, or remove batch");
                return Optional.empty();
            }
            if (ordered) {
                reportBatchShape(
                        method,
                        annotation,
                        "it is ordered, and the batches of several workers are not put back in"
                                + " input order",
                        "Remove ordered, or use one worker: each batch holds its elements in"
                                + " order");
                return Optional.empty();
            }
            // a map or flat stage over batches, or the batch sink void f(List<T> batch)
            shape = outs >= 1 ? Shape.FLAT : returnsValue ? Shape.MAP : Shape.SINK;
            input = listElement(value.asType());
            output =
                    outs >= 1
                            ? out
                            : returnsValue ? boxed(method.getReturnType()) : method.getReturnType();
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

        if (workers > 1 && !shape.allowsWorkers() && !(shape == Shape.SINK && batch > 0)) {
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
                descriptor(
                        method,
                        annotation,
                        shape,
                        input,
                        output,
                        parameters,
                        workers,
                        buffer,
                        ordered,
                        batch,
                        linger,
                        every,
                        rate));
    }

    private StageDescriptor descriptor(
            ExecutableElement method,
            AnnotationMirror annotation,
            Shape shape,
            TypeMirror input,
            TypeMirror output,
            List<StageParameter> parameters,
            int workers,
            int buffer,
            boolean ordered,
            int batch,
            TimeValues.Span linger,
            TimeValues.Span every,
            TimeValues.Rate rate) {
        return new StageDescriptor(
                method,
                annotation,
                shape,
                input,
                output,
                List.copyOf(parameters),
                workers,
                buffer,
                ordered,
                booleanValue(annotation, "fuse"),
                method.getModifiers().contains(Modifier.STATIC),
                method.getThrownTypes(),
                stringsValue(annotation, "from"),
                batch,
                linger,
                every,
                rate);
    }

    /**
     * The duration of the attribute {@code name} ({@code linger}, {@code every}); null when it is
     * not set, or after reporting that it does not parse.
     */
    private TimeValues.Span duration(
            ExecutableElement method, AnnotationMirror annotation, String name) {
        String text = stringValue(annotation, name);
        if (text.isEmpty()) {
            return null;
        }
        Optional<TimeValues.Span> span = TimeValues.duration(text);
        if (span.isEmpty()) {
            reporter.report(
                    method,
                    annotation,
                    value(annotation, name),
                    Messages.duration(method.getSimpleName().toString(), name, text));
        }
        return span.orElse(null);
    }

    /**
     * The rules of where the time attributes go, which need no shape: {@code every} on the head
     * only, {@code rate} and {@code batch} after it, {@code linger} with {@code batch}. Reports and
     * returns false if one is broken.
     */
    private boolean placesTimeAttributes(
            ExecutableElement method,
            AnnotationMirror annotation,
            boolean head,
            ExecutableElement first,
            int batch) {
        String name = method.getSimpleName().toString();
        boolean valid = true;
        if (!head && !stringValue(annotation, "every").isEmpty()) {
            reporter.report(
                    method,
                    annotation,
                    value(annotation, "every"),
                    Messages.everyNotHead(name, first.getSimpleName().toString()));
            valid = false;
        }
        if (head && !stringValue(annotation, "rate").isEmpty()) {
            reporter.report(
                    method, annotation, value(annotation, "rate"), Messages.rateOnHead(name));
            valid = false;
        }
        if (head && batch > 0) {
            reportBatchShape(
                    method,
                    annotation,
                    "it is the head, which has no input to batch",
                    "Remove batch, and put it on the stage that consumes " + name);
            valid = false;
        }
        if (batch == 0 && !stringValue(annotation, "linger").isEmpty()) {
            reporter.report(
                    method,
                    annotation,
                    value(annotation, "linger"),
                    Messages.lingerWithoutBatch(name));
            valid = false;
        }
        return valid;
    }

    private void reportBatchShape(
            ExecutableElement method, AnnotationMirror annotation, String why, String fix) {
        reporter.report(
                method,
                annotation,
                value(annotation, "batch"),
                Messages.batchShape(method.getSimpleName().toString(), why, fix));
    }

    /** Whether {@code type} is {@code java.util.List}, of any element type or raw. */
    private boolean isList(TypeMirror type) {
        TypeElement list = elements.getTypeElement("java.util.List");
        return type.getKind() == TypeKind.DECLARED
                && types.isSameType(types.erasure(type), types.erasure(list.asType()));
    }

    /** The T of a {@code List<T>}; null for a raw {@code List} or a wildcard. */
    private static TypeMirror listElement(TypeMirror list) {
        List<? extends TypeMirror> arguments = ((DeclaredType) list).getTypeArguments();
        if (arguments.size() != 1 || arguments.get(0).getKind() == TypeKind.WILDCARD) {
            return null;
        }
        return arguments.get(0);
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

    private String stringValue(AnnotationMirror annotation, String name) {
        return (String) valueWithDefault(annotation, name);
    }

    private boolean booleanValue(AnnotationMirror annotation, String name) {
        return (Boolean) valueWithDefault(annotation, name);
    }
}
