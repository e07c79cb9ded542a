package io.github.stagehand.runtime.internal;

/**
 * Keeps this package non-empty, so that module-info can export it, until the generated-code support
 * (StageScope, Merge, Tee, ...) moves here. Delete it then.
 */
final class Placeholder {
    private Placeholder() {}
}
