package io.github.stagehand.runtime.internal;

/** The work of one stage worker, as the generated code hands it to {@link StageScope#fork}. */
@FunctionalInterface
public interface StageBody {
    /** Runs the worker; anything it throws, but the cancellation signal, fails the pipeline. */
    void run() throws Throwable;
}
