package io.github.stagehand.processor;

import javax.lang.model.element.VariableElement;

/** One parameter of a stage method and what the generated code passes to it. */
record StageParameter(Kind kind, VariableElement element) {

    enum Kind {
        /** The pipeline's {@code Done}. */
        DONE,
        /** The inbound channel of a stream or sink stage. */
        IN,
        /** The outbound channel. */
        OUT,
        /** The input element of a map or flat stage. */
        VALUE,
        /** An argument of {@code start(...)}/{@code run(...)}: a head's other parameters. */
        ARGUMENT
    }

    String name() {
        return element.getSimpleName().toString();
    }
}
