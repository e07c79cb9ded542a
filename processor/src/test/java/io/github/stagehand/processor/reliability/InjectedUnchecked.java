package io.github.stagehand.processor.reliability;

/** An unchecked failure that a stage throws on purpose. */
public final class InjectedUnchecked extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    InjectedUnchecked(String message) {
        super(message);
    }
}
