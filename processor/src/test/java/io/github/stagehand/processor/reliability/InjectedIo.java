package io.github.stagehand.processor.reliability;

import java.io.IOException;

/** An {@link IOException} that a stage declaring {@code throws IOException} throws on purpose. */
public final class InjectedIo extends IOException {
    private static final long serialVersionUID = 1L;

    InjectedIo(String message) {
        super(message);
    }
}
