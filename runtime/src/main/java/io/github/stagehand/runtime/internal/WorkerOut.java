package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;
import java.util.Arrays;
import java.util.Objects;

/**
 * One stage worker's end of its output channel, which hands its results on in runs: {@link #send}
 * keeps up to {@link WorkerIn#RUN} of them (never more than the channel's capacity), and {@link
 * #flush} sends them under one lock acquisition, waking their receivers once. The worker's {@link
 * WorkerIn} flushes it before each refill, and the generated code once more when the input ends,
 * before the worker counts itself done; so nothing a worker made is held back while it waits, and
 * nothing is left behind when it ends. Into an unbuffered channel each send goes at once, as Go's
 * rendezvous does.
 *
 * <p>A flat stage is given one as its {@link Out}. A send from any thread other than the worker's
 * own goes straight to the channel, so an {@code Out} that user code shares with threads of its own
 * stays safe.
 *
 * <p>Backpressure: a worker holds at most {@code min(RUN, capacity)} results beyond what its
 * channel buffers, and its input end as many inputs.
 *
 * <p>Invariants: {@code 0 <= size < run.length} between calls; {@code run[0 .. size)} are results
 * not yet sent, oldest first; every other slot is null; only {@code owner} touches them.
 *
 * @param <T> the element type
 */
public final class WorkerOut<T> implements Out<T> {
    private final Outlet<T> outlet;
    private final RunOutlet runs; // null when the outlet takes no runs
    private final Done done;
    private final Thread owner = Thread.currentThread();
    private final Object[] run;
    private int size;

    /** The output end, into {@code channel}, of the worker running on the calling thread. */
    public WorkerOut(Channel<T> channel) {
        this(channel, Access.API.done(channel));
    }

    /**
     * The output end, into {@code outlet} (a channel, a tee or a fan-in's writer of a graph), of
     * the worker running on the calling thread; {@code done} is the pipeline's.
     */
    public WorkerOut(Outlet<T> outlet, Done done) {
        this.outlet = Objects.requireNonNull(outlet, "outlet");
        this.done = Objects.requireNonNull(done, "done");
        RunOutlet r = RunOutlet.of(outlet);
        this.runs = r != null && r.runCapacity() > 0 ? r : null;
        this.run = new Object[runs == null ? 0 : runs.runCapacity()];
    }

    @Override
    public void send(T value) {
        if (run.length == 0 || Thread.currentThread() != owner) {
            outlet.send(value);
            return;
        }
        if (value == null) {
            throw Access.API.nullSent();
        }
        if (done.isClosed()) {
            throw Access.CANCELLED;
        }
        run[size++] = value;
        if (size == run.length) {
            flush();
        }
    }

    /**
     * Sends the results held, in order, waiting for room as {@link Channel#send} does; called by
     * the worker's own thread. Throws as {@code send} does.
     */
    public void flush() {
        if (size > 0) {
            int n = size;
            size = 0;
            try {
                runs.sendRun(run, n);
            } finally {
                Arrays.fill(run, 0, n, null);
            }
        }
    }
}
