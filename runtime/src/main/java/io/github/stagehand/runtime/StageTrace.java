package io.github.stagehand.runtime;

/**
 * Where a pipeline's failure happened, attached to it as a suppressed exception when it reaches the
 * caller: which stage and worker threw it, and (as this trace's own stack) where the caller was
 * when the failure came back to it, in {@code run(...)}, {@code close()} or a {@code receive()}.
 * The failure itself is never wrapped: the caller gets the very exception the stage threw, whose
 * own stack holds only the worker's frames. Kotlin's coroutines recover stack traces for the same
 * reason.
 *
 * <pre>{@code
 * } catch (IOException e) {
 *     for (Throwable s : e.getSuppressed()) {
 *         if (s instanceof StageTrace trace) log.warn("failed in " + trace.stage());
 *     }
 * }
 * }</pre>
 *
 * <p>Only the first failure gets one; the later failures, suppressed on it, are the stages' own
 * exceptions, so a {@code StageTrace} is never mistaken for one of them.
 */
public final class StageTrace extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String stage;
    private final int worker;

    StageTrace(String thread, String stage, int worker) {
        super(
                (worker < 0
                                ? "thrown on thread " + thread
                                : "thrown by stage "
                                        + stage
                                        + ", worker "
                                        + worker
                                        + " (thread "
                                        + thread
                                        + ")")
                        + "; it reached the caller at the frames below");
        this.stage = stage;
        this.worker = worker;
    }

    /** The name of the stage that threw the failure. */
    public String stage() {
        return stage;
    }

    /** The number of the worker that threw it, from 0; -1 if it was not thrown by a worker. */
    public int worker() {
        return worker;
    }
}
