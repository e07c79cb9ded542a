package io.github.stagehand.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports diagnostics, each with the kind its id has in {@link DiagnosticId}, and remembers whether
 * the pipeline being processed had an error, so that its owner class is abandoned (and only it).
 */
final class ErrorReporter {
    private final Messager messager;
    private boolean errors;

    ErrorReporter(Messager messager) {
        this.messager = messager;
    }

    /** {@code message} (from {@link Messages}) on {@code element}. */
    void report(Element element, String message) {
        messager.printMessage(kind(message), message, element);
    }

    /** {@code message} on the attribute {@code value} of {@code annotation} on {@code element}. */
    void report(
            Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
        messager.printMessage(kind(message), message, element, annotation, value);
    }

    /** {@code message} on the whole compilation, not on an element. */
    void report(String message) {
        messager.printMessage(kind(message), message);
    }

    private Diagnostic.Kind kind(String message) {
        Diagnostic.Kind kind = DiagnosticId.kindOf(message);
        errors |= kind == Diagnostic.Kind.ERROR;
        return kind;
    }

    /** Starts a new pipeline: forgets the errors of the previous one. */
    void reset() {
        errors = false;
    }

    boolean hasErrors() {
        return errors;
    }
}
