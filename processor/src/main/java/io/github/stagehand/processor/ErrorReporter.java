package io.github.stagehand.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports diagnostics on elements and remembers whether the pipeline being processed had an error,
 * so that its owner class is abandoned (and only it).
 */
final class ErrorReporter {
    private final Messager messager;
    private boolean errors;

    ErrorReporter(Messager messager) {
        this.messager = messager;
    }

    void error(Element element, String message) {
        errors = true;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    void error(
            Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
        errors = true;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
    }

    /** A note on the whole compilation, not on an element; it does not count as an error. */
    void note(String message) {
        messager.printMessage(Diagnostic.Kind.NOTE, message);
    }

    /** Starts a new pipeline: forgets the errors of the previous one. */
    void reset() {
        errors = false;
    }

    boolean hasErrors() {
        return errors;
    }
}
