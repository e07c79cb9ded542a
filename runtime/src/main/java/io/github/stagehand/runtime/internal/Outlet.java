package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Out;

/**
 * The sending side of one edge of a pipeline graph, as the stage that feeds it holds it: the {@link
 * Out} a stage's code sends to, plus what the generated wiring needs around it: a send that reports
 * a consumer that has left instead of failing, and the {@code close} of {@code defer close(out)}.
 * {@link Channel} is one; {@link Tee} (every consumer gets every value) and the writers of a {@link
 * FanIn} (several upstreams into one input) are the others.
 *
 * <pre>{@code
 * Outlet<Entry> out = new Tee<>(done, splitIn, totalIn);
 * try {
 *     for (Entry e : parsed) out.send(e);
 * } finally {
 *     out.close();                            // defer close(out): closes both branches
 * }
 * }</pre>
 *
 * <p>Invariants (of every implementation): once {@link #sendOrClosed} has answered false, it
 * answers false (or throws the cancellation signal) ever after; {@link #close()} is idempotent.
 *
 * @param <T> the element type; elements are never null
 */
public interface Outlet<T> extends Out<T> {

    /**
     * Sends {@code value} as {@link #send} does, but answers false instead of throwing {@link
     * IllegalStateException} when the edge is closed, before the send or while it waits: its
     * consumer has left (a stage that ended early closes its input). Once {@code done} is closed it
     * throws {@link io.github.stagehand.runtime.CancelledException}, exactly as {@code send} does.
     *
     * @return true if the value was sent, false if nobody takes values here any more
     * @throws NullPointerException if {@code value} is null, naming the sending thread
     * @throws io.github.stagehand.runtime.CancelledException when {@code done} is or becomes
     *     closed, or the thread is interrupted while waiting (or before a send that has to wait)
     */
    boolean sendOrClosed(T value);

    /** Closes the edge: Go's {@code close(out)}. Closing twice is harmless. */
    void close();
}
