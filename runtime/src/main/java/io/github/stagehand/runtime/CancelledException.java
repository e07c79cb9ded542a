package io.github.stagehand.runtime;

/**
 * The signal that ends a stage once {@code done} is closed: thrown by {@link Out#send} and {@link
 * In#receive} instead of returning, and caught by the generated code so that the stage ends
 * quietly. It is the {@code case <-done: return} branch of Go's select.
 *
 * <p>It is an {@link Error}, as {@code ThreadDeath} was, so that the {@code catch (Exception e)}
 * that stage code writes around its own work (I/O, parsing) lets it pass: a stage that swallowed it
 * would go on running after cancellation, and {@code close()} would wait for it (docs/adr/0011).
 * Code that catches {@code Throwable} or {@code Error} around a send or receive must rethrow it;
 * the processor warns where it does not ({@code [StageCatchesCancel]}). It carries no stack trace
 * and one instance serves every thread, so throwing it allocates nothing.
 *
 * <pre>{@code
 * try {
 *     out.send(parse(line));
 * } catch (IOException e) {                     // catch what you expect, not Throwable
 *     out.send(Result.failed(e));
 * }
 * }</pre>
 */
public final class CancelledException extends Error {
    private static final long serialVersionUID = 1L;

    static final CancelledException INSTANCE = new CancelledException();

    private CancelledException() {
        super("done is closed", null, false, false);
    }
}
