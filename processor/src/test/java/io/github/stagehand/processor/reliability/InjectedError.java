package io.github.stagehand.processor.reliability;

/** An {@link Error} that a stage throws on purpose. */
public final class InjectedError extends Error {
    private static final long serialVersionUID = 1L;

    InjectedError(String message) {
        super(message);
    }
}
