package io.github.stagehand.processor;

import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One output of a stage: what a map returns, or one {@code Out} parameter. A stage with one output
 * names it by the stage's own name; with several, each is {@code stage.parameter}.
 *
 * @param name how {@code from} names it
 * @param parameter the {@code Out} parameter, or null for a map's return value
 * @param type the element type, boxed
 */
record Port(String name, StageDescriptor stage, VariableElement parameter, TypeMirror type) {
    /** The port's own part of its name: the parameter, or the stage for a map. */
    String simpleName() {
        return parameter != null ? parameter.getSimpleName().toString() : stage.name();
    }

    @Override
    public String toString() {
        return name;
    }
}
