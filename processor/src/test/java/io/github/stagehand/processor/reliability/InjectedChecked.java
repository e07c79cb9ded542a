package io.github.stagehand.processor.reliability;

/** A checked failure that a randomized pipeline's stage throws on purpose. */
public final class InjectedChecked extends Exception {
    private static final long serialVersionUID = 1L;

    InjectedChecked(String message) {
        super(message);
    }
}
