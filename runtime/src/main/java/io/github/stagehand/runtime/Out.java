package io.github.stagehand.runtime;

/**
 * The sending end of a channel: Go's {@code chan<- T}. Head, flat and stream stages take one and
 * emit through it:
 *
 * <pre>{@code
 * @Stage
 * static void gen(Out<Integer> out, int... nums) {
 *     for (int n : nums) out.send(n);
 * }
 * }</pre>
 *
 * <p>{@link #send} is Go's {@code select { case out <- v: case <-done: return }} without the
 * select: once the pipeline's {@code done} is closed, a blocked or later send ends the stage by
 * throwing {@link CancelledException}, which the generated code catches. An interrupt is noticed
 * only by a send that has to wait: it then closes {@code done} and throws the same signal, while a
 * send that finds buffer space (or a waiting receiver) completes.
 *
 * @param <T> the element type
 */
public interface Out<T> {

    /**
     * Sends {@code value}, waiting while the channel is full (or, when unbuffered, until a receiver
     * has taken it).
     *
     * @throws NullPointerException if {@code value} is null
     * @throws CancelledException when {@code done} is or becomes closed, or the thread is
     *     interrupted while waiting (or before a send that has to wait)
     * @throws IllegalStateException if the channel is closed (Go panics here too)
     */
    void send(T value);
}
