package io.github.stagehand.runtime;

/**
 * The signal that ends a stage once {@code done} is closed: thrown by {@link Out#send} and {@link
 * In#receive} instead of returning, and caught by the generated code so that the stage ends
 * quietly. It is the {@code case <-done: return} branch of Go's select.
 *
 * <p>Stage code should let it pass: catching it (for example with {@code catch (Exception e)}) and
 * carrying on would keep the stage running after cancellation. It carries no stack trace and one
 * instance serves every thread, so throwing it allocates nothing.
 */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final CancelledException INSTANCE = new CancelledException();

    private CancelledException() {
        super("done is closed", null, false, false);
    }
}
