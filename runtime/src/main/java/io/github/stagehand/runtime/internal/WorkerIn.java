package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Received;
import java.time.Duration;
import java.util.Objects;

/**
 * One stage worker's end of its input channel, which takes elements in runs: each refill moves up
 * to {@link #RUN} buffered elements (at most the worker's share of them) under one lock
 * acquisition, where {@link Channel#receive} takes one. The generated loop of a map or flat stage
 * ranges over it:
 *
 * <pre>{@code
 * WorkerOut<Integer> results = new WorkerOut<>(out);
 * new WorkerIn<>(in, sqWorkers, results).map("sq", n -> Squares.sq(n), results);
 * results.flush();
 * }</pre>
 *
 * <p>Before each refill it flushes the worker's {@link WorkerOut}: what the worker made from its
 * last run is handed on before it takes, or waits for, the next one. So a result waits at most
 * until the worker has been through the inputs it already took, and a worker never waits for input
 * while holding results that a stage downstream needs.
 *
 * <p>Once {@code done} is closed, the next {@link #receive} throws the cancellation signal, even
 * with elements left in the run: no worker starts new work after cancellation. An unbuffered
 * channel is received from one element at a time, as Go's rendezvous is.
 *
 * <p>It belongs to one worker thread: the generated code makes one per worker. A stream or sink
 * stage is handed one (with no results to flush) as its {@code In}; there it belongs to the first
 * thread to receive, and a receive from any other (one the stage's code started) goes to the
 * channel itself, which is safe to share. A map or flat worker's loop pays no such check.
 *
 * <p>Invariants: {@code 0 <= next <= size <= run.length}; {@code run[next .. size)} are the
 * elements taken from the channel and not yet returned, oldest first; every other slot is null.
 *
 * @param <T> the element type
 */
public final class WorkerIn<T> implements In<T> {
    /** The most elements one refill takes. */
    public static final int RUN = 64;

    private final Channel<T> channel;
    private final Done done;
    private final int receivers;
    private final WorkerOut<?> results;
    private final Object[] run;
    private int next;
    private int size;
    private Thread owner; // handed to user code (no results): the thread of its first receive

    /**
     * The input end of one of {@code receivers} workers that share {@code channel}; {@code results}
     * (null if none) is flushed before each refill.
     */
    public WorkerIn(Channel<T> channel, int receivers, WorkerOut<?> results) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.done = Access.API.done(channel);
        this.receivers = Math.max(1, receivers);
        this.results = results;
        this.run = new Object[Math.max(1, Math.min(RUN, channel.capacity()))];
    }

    @Override
    public T receive() {
        if (results == null && owner != Thread.currentThread() && !own()) {
            return channel.receive(); // a thread the stage started: the channel, which is shared
        }
        if (next == size) {
            if (results != null) {
                results.flush();
            }
            next = 0;
            size = run.length == 1 ? receiveOne() : Access.API.receiveRun(channel, run, receivers);
            if (size == 0) {
                return null;
            }
        } else if (done.isClosed()) {
            throw Access.CANCELLED;
        }
        @SuppressWarnings("unchecked")
        T element = (T) run[next];
        run[next++] = null;
        return element;
    }

    /**
     * The next element of the run this worker holds, or else, after flushing its results, one from
     * the channel within {@code timeout}.
     */
    @Override
    public Received<T> receive(Duration timeout) {
        if (results == null && owner != Thread.currentThread() && !own()) {
            return channel.receive(timeout);
        }
        if (next < size) {
            if (done.isClosed()) {
                throw Access.CANCELLED;
            }
            @SuppressWarnings("unchecked")
            T element = (T) run[next];
            run[next++] = null;
            return new Received.Element<>(element);
        }
        if (results != null) {
            results.flush();
        }
        next = 0;
        size = 0;
        return channel.receive(timeout);
    }

    /**
     * A map stage worker's loop, Go's {@code for v := range in { out <- f(v) }}: applies {@code
     * body} to every element until the input ends, and sends each result to {@code results}. A null
     * result fails the stage, naming it ({@link StageScope#returned}). One loop for every map stage
     * of the JVM: the JIT compiles it once, where a loop in each stage's generated code would be
     * compiled again for each stage.
     */
    public <R> void map(String stage, MapBody<? super T, ? extends R> body, WorkerOut<R> results)
            throws Throwable {
        for (T value; (value = receive()) != null; ) {
            results.send(StageScope.returned(stage, body.apply(value)));
        }
    }

    /**
     * A flat stage worker's loop, Go's {@code for v := range in { f(v, out) }}: hands every element
     * to {@code body} until the input ends; {@code body} sends what it makes itself.
     */
    public void each(FlatBody<? super T> body) throws Throwable {
        for (T value; (value = receive()) != null; ) {
            body.accept(value);
        }
    }

    /**
     * As {@link #map(String, MapBody, WorkerOut)}, for a stage with a {@code rate}: each call waits
     * for its turn at {@code rate}, shared by the stage's workers (handing on the results held
     * first, if it has to wait).
     */
    public <R> void map(
            String stage,
            MapBody<? super T, ? extends R> body,
            WorkerOut<R> results,
            RateLimiter rate)
            throws Throwable {
        for (T value; (value = receive()) != null; ) {
            rate.acquire(results); // limiter.Wait(ctx)
            results.send(StageScope.returned(stage, body.apply(value)));
        }
    }

    /**
     * As {@link #each(FlatBody)}, for a stage with a {@code rate}: each call waits for its turn at
     * {@code rate}, handing on what {@code results} holds first, if it has to wait.
     */
    public void each(FlatBody<? super T> body, WorkerOut<?> results, RateLimiter rate)
            throws Throwable {
        for (T value; (value = receive()) != null; ) {
            rate.acquire(results); // limiter.Wait(ctx)
            body.accept(value);
        }
    }

    /** What a map stage does with one element: calls the stage method and returns its result. */
    @FunctionalInterface
    public interface MapBody<T, R> {
        R apply(T value) throws Throwable;
    }

    /** What a flat stage does with one element: calls the stage method, which sends. */
    @FunctionalInterface
    public interface FlatBody<T> {
        void accept(T value) throws Throwable;
    }

    /**
     * Whether the calling thread is this worker's: the first to receive is. A stream or sink stage
     * may hand its {@code In} to threads of its own; their receives go to the channel, and leave
     * the worker's run alone.
     */
    private boolean own() {
        if (owner == null) {
            owner = Thread.currentThread();
            return true;
        }
        return false;
    }

    /** Precondition: the run is empty. A run of one, by a plain receive. */
    private int receiveOne() {
        T value = channel.receive();
        if (value == null) {
            return 0;
        }
        run[0] = value;
        return 1;
    }
}
