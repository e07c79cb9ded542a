package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import io.github.stagehand.runtime.PipelineClock;
import io.github.stagehand.runtime.Received;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * The input of a stage that runs the single-worker map or flat stage before it on its own thread:
 * compile-time fusion (docs/adr/0023-fusion.md). Where the stage before would take its inputs from
 * {@code in}, call its method on each and send the results to {@code out}, on a thread of its own,
 * this {@code In} does the same on the thread that receives from it, whenever it has nothing left
 * to hand out: it takes a run of inputs, calls the method on them one at a time, in order, and
 * hands out what the calls sent. No hand-off between the two stages, no thread and no wake-up.
 *
 * <pre>{@code
 * Channel<String> keys = scope.channel("explode -> count", explodeBuffer);
 * scope.fusable("explode", entries, keys, (entry, out) -> Logs.explode(entry, out));
 * In<String> input = scope.input(keys);   // this FusedIn: explode runs on count's thread
 * scope.fork("count", 0, () -> value.set(Logs.count(input)));
 * }</pre>
 *
 * <p>Nobody can tell the difference from the stage's own thread: one call at a time, in the order
 * of its input, with its own failure. A failure is recorded as the stage's ({@link
 * StageScope#failed}, while the thread carries the stage's name) and the receiving stage gets the
 * cancellation signal, as it would from a channel once {@code done} closed. While the stage's code
 * runs, and while it waits for its input, the thread is named for it, {@code <Pipeline>.<stage>#0
 * (on <receiver's name>)}, so thread dumps, snapshots and stuck-stage reports name the stage whose
 * code is running.
 *
 * <p>The stage gets a thread of its own after all, for the rest of the run, when running it here
 * could cost more than a hand-off saves: when its calls took more than {@link #SLOW_NANOS} each on
 * average in two timed runs in a row (every run but the first is timed up to the 16th, then one in
 * eight), when one run's calls sent more than {@link #MOST_HELD} elements, or when a thread other
 * than this one sent on its {@code Out}. Its thread takes the inputs left over first, then {@code
 * in}, and sends to {@code out}, which this {@code In} reads once it has handed out what it holds:
 * the order stays that of the input.
 *
 * <p>Memory: the inputs of one run ({@link WorkerIn#RUN} at most) and the results of the calls made
 * on it, where the stage's own thread would have held a run of each: calls stop once {@link
 * WorkerIn#RUN} results are held, so the results held are at most that plus one call's.
 *
 * <p>It belongs to the receiving stage's thread, the first to receive from it; a receive from any
 * other thread throws {@link IllegalStateException}. Sends on the fused stage's {@code Out} from
 * threads of its own are taken, and move the stage to a thread of its own.
 *
 * @param <A> the fused stage's input type
 * @param <B> its output type, what this {@code In} hands out
 */
public final class FusedIn<A, B> implements In<B> {
    /**
     * The mean time of one call beyond which the stage is better on a thread of its own: well above
     * what a hand-off costs even when it wakes a parked thread (1-10 microseconds on this project's
     * machine), and above a short stage's calls while they are still interpreted.
     */
    static final long SLOW_NANOS = 20_000;

    /** The most elements one refill's calls may send before the stage gets its own thread. */
    static final int MOST_HELD = 4 * WorkerIn.RUN;

    private final StageScope scope;
    private final String stage;
    private final Channel<A> in;
    private final Channel<B> out;
    private final FusedBody<A, B> body;
    private final Done done;
    private final Object[] inputs;
    private int nextInput;
    private int inputCount;
    private final ArrayDeque<B> held = new ArrayDeque<>();
    private final Out<B> results = this::send;
    private final Object foreignLock = new Object();
    private ArrayDeque<B> foreign; // guarded by foreignLock: sent from other threads while fused
    private volatile boolean foreignSent;
    private boolean
            ownThread; // guarded by foreignLock for writes; the stage runs on its own thread
    private In<B> fromOwnThread; // after ownThread: out, taken in runs
    private boolean ended; // the stage's input ended (or the stage ended itself) while fused
    private Thread host;
    private String hostName;
    private String fusedName;
    private int refills;
    private int slowRuns; // timed runs in a row whose calls were slow

    FusedIn(StageScope scope, String stage, Channel<A> in, Channel<B> out, FusedBody<A, B> body) {
        this.scope = scope;
        this.stage = stage;
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.body = body;
        this.done = Access.API.done(in);
        this.inputs = new Object[Math.max(1, Math.min(WorkerIn.RUN, in.capacity()))];
    }

    /** What a fused stage does with one input: calls its method, which sends on {@code out}. */
    @FunctionalInterface
    public interface FusedBody<A, B> {
        void accept(A value, Out<B> out) throws Throwable;
    }

    @Override
    public B receive() {
        checkThread();
        while (true) {
            if (!held.isEmpty()) {
                if (done.isClosed()) {
                    throw Access.CANCELLED;
                }
                return held.poll();
            }
            if (fromOwnThread != null) {
                return fromOwnThread.receive();
            }
            if (ended) {
                return null;
            }
            if (nextInput == inputCount) {
                takeInputs();
            } else {
                call();
            }
        }
    }

    @Override
    public Received<B> receive(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        checkThread();
        PipelineClock clock = done.clock();
        long start = clock.nanoTime();
        long nanos = BatchIn.saturatedNanos(timeout);
        while (true) {
            if (!held.isEmpty()) {
                if (done.isClosed()) {
                    throw Access.CANCELLED;
                }
                return new Received.Element<>(held.poll());
            }
            long left = Math.max(0, nanos - (clock.nanoTime() - start));
            if (fromOwnThread != null) {
                return fromOwnThread.receive(Duration.ofNanos(left));
            }
            if (ended) {
                return new Received.End<>();
            }
            if (nextInput < inputCount) {
                call();
                continue;
            }
            Received<A> next = named(() -> in.receive(Duration.ofNanos(left)));
            if (next instanceof Received.Element<A> element) {
                inputs[0] = element.value();
                nextInput = 0;
                inputCount = 1;
                call();
            } else if (next instanceof Received.End<A>) {
                end();
            } else {
                return new Received.Timeout<>();
            }
        }
    }

    /** Waits for a run of the stage's inputs, under the stage's name; at the end, ends it. */
    private void takeInputs() {
        nextInput = 0;
        inputCount = named(() -> Access.API.receiveRun(in, inputs, 1));
        if (inputCount == 0) {
            end();
        } else {
            call();
        }
    }

    /**
     * Calls the stage on the inputs held, in order, until they are used up or {@link WorkerIn#RUN}
     * results are held; then decides whether the stage goes on here.
     */
    private void call() {
        Thread thread = enter();
        // the first run is never judged: it pays for the first calls (class loading, the
        // interpreter); then every run is timed for a while, and one in eight after that
        int refill = refills++;
        boolean timed = refill > 0 && (refill < 16 || (refill & 7) == 0);
        long start = timed ? System.nanoTime() : 0;
        int calls = 0;
        try {
            while (nextInput < inputCount && held.size() < WorkerIn.RUN) {
                @SuppressWarnings("unchecked")
                A value = (A) inputs[nextInput];
                inputs[nextInput++] = null;
                calls++;
                body.accept(value, results);
            }
        } catch (CancelledException cancelled) {
            if (done.isClosed()) {
                throw cancelled;
            }
            end(); // the stage ended itself: as its own thread would have, before its next input
            return;
        } catch (Throwable failure) {
            scope.failed(failure); // recorded under the stage's name, as on its own thread
            out.close();
            throw Access.CANCELLED; // what a receive tells the stage after us once done closed
        } finally {
            thread.setName(hostName);
        }
        if (timed) {
            // two slow runs in a row: one alone may have met a collection or a preemption
            slowRuns = System.nanoTime() - start > calls * SLOW_NANOS ? slowRuns + 1 : 0;
        }
        if (slowRuns >= 2 || held.size() > MOST_HELD || foreignSent) {
            ownThread();
        }
    }

    /**
     * Only the receiving stage's thread may receive: the fused stage runs one call at a time, on
     * it.
     */
    private void checkThread() {
        if (host != null && Thread.currentThread() != host) {
            throw new IllegalStateException(
                    "the In of the stage after "
                            + stage
                            + " is received from on "
                            + Thread.currentThread()
                            + ", but "
                            + stage
                            + " runs on that stage's own thread, "
                            + hostName
                            + ", which alone may receive from it. Receive on that thread and hand"
                            + " the elements to yours, or keep "
                            + stage
                            + " on a thread of its own: @Stage(fuse = false)");
        }
    }

    /** Names the calling thread for the stage, and returns it. */
    private Thread enter() {
        Thread thread = Thread.currentThread();
        if (host == null) {
            host = thread;
            hostName = thread.getName();
            fusedName = scope.threadName(stage, 0) + " (on " + hostName + ")";
        }
        thread.setName(fusedName);
        return thread;
    }

    /** Runs {@code wait} (a wait for the stage's input) under the stage's name. */
    private <R> R named(java.util.function.Supplier<R> wait) {
        Thread thread = enter();
        try {
            return wait.get();
        } finally {
            thread.setName(hostName);
        }
    }

    /** The stage's input ended while it ran here: it ends, and so does its output. */
    private void end() {
        ended = true;
        out.close(); // defer close(out), as on its own thread
        takeForeign();
    }

    /**
     * The stage's {@code Out} while it runs here: results of the receiving thread's own calls are
     * held for it to hand out; a send from any other thread is held too, and moves the stage to a
     * thread of its own after the call. Once it has one, sends go to {@code out}.
     */
    private void send(B value) {
        if (value == null) {
            throw Access.API.nullSent();
        }
        if (Thread.currentThread() == host && !ownThread) {
            if (done.isClosed()) {
                throw Access.CANCELLED;
            }
            held.add(value);
            return;
        }
        synchronized (foreignLock) {
            if (!ownThread) {
                if (foreign == null) {
                    foreign = new ArrayDeque<>();
                }
                foreign.add(value);
                foreignSent = true;
                return;
            }
        }
        out.send(value);
    }

    /** Moves what other threads sent while the stage ran here behind what it sent itself. */
    private void takeForeign() {
        synchronized (foreignLock) {
            if (foreign != null) {
                held.addAll(foreign);
                foreign = null;
            }
        }
    }

    /**
     * From now on the stage runs on a thread of its own: the inputs left over first, then the rest
     * of {@code in}, sending to {@code out}, which this {@code In} reads once it has handed out
     * what it holds.
     */
    private void ownThread() {
        synchronized (foreignLock) {
            ownThread = true; // later sends from other threads go to out
            takeForeign();
        }
        Object[] left = Arrays.copyOfRange(inputs, nextInput, inputCount);
        Arrays.fill(inputs, null);
        nextInput = 0;
        inputCount = 0;
        scope.ownThread(stage, in, out, body, left);
        fromOwnThread = new WorkerIn<>(out, 1, null);
    }
}
