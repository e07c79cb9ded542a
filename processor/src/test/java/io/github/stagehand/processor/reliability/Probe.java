package io.github.stagehand.processor.reliability;

import io.github.stagehand.runtime.Done;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What the stages of a randomized pipeline call: it records which threads ran stage code, counts
 * the elements each stage saw, and throws the failures the run's plan injects. One probe serves one
 * run; instance stages reach it through their owner, static ones through {@link #current()}.
 */
public final class Probe {
    /** Where an injected failure is thrown, and of which kind. */
    public record Failure(int stage, int ordinal, Kind kind) {}

    /** The kinds of injected failure. */
    public enum Kind {
        CHECKED,
        UNCHECKED,
        ERROR
    }

    private static volatile Probe current;

    private final List<Failure> failures;
    private final int sinkStopsAfter;
    private final int pauseEvery;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<Done> dones = ConcurrentHashMap.newKeySet();
    private final AtomicInteger[] visits;
    private final List<Throwable> thrown = new ArrayList<>(); // guarded by itself

    /**
     * A probe for a pipeline of {@code stages} stages.
     *
     * @param failures the failures to throw: the {@code ordinal}-th element {@code stage} sees
     * @param sinkStopsAfter a sink returns after this many elements; negative for never
     * @param pauseEvery every that many elements a stage pauses briefly; 0 for never
     */
    public Probe(int stages, List<Failure> failures, int sinkStopsAfter, int pauseEvery) {
        this.failures = List.copyOf(failures);
        this.sinkStopsAfter = sinkStopsAfter;
        this.pauseEvery = pauseEvery;
        this.visits = new AtomicInteger[stages];
        for (int i = 0; i < stages; i++) {
            visits[i] = new AtomicInteger();
        }
    }

    /** The probe of the run in progress, for static stage methods. */
    public static Probe current() {
        return current;
    }

    static void install(Probe probe) {
        current = probe;
    }

    /**
     * A stage worker began (heads, stream stages and sinks call this before their first element).
     */
    public void started(int stage) {
        threads.add(Thread.currentThread());
    }

    /**
     * A stage that takes {@code Done} shows it: every stage must see the run's one {@code done}.
     */
    public void sawDone(Done done) {
        dones.add(done);
    }

    /** A stage handles {@code value}; may throw an injected unchecked exception or error. */
    public void visit(int stage, long value) {
        visitRethrow(next(stage, value, Checked.NONE));
    }

    /** As {@link #visit}, for a stage that declares {@link InjectedChecked} (or a supertype). */
    public void visitChecked(int stage, long value) throws InjectedChecked {
        Throwable failure = next(stage, value, Checked.INJECTED);
        if (failure instanceof InjectedChecked e) {
            throw e;
        }
        visitRethrow(failure);
    }

    /** As {@link #visit}, for a stage that declares {@link IOException}. */
    public void visitIo(int stage, long value) throws IOException {
        Throwable failure = next(stage, value, Checked.IO);
        if (failure instanceof IOException e) {
            throw e;
        }
        visitRethrow(failure);
    }

    /** A stage that declares {@link InterruptedException} sleeps now and then. */
    public void nap(long value) throws InterruptedException {
        if (pauseEvery > 0 && value % pauseEvery == 0) {
            Thread.sleep(0, 200_000);
        }
    }

    /** Whether a sink that has collected {@code collected} elements returns now. */
    public boolean sinkStops(int collected) {
        return sinkStopsAfter >= 0 && collected >= sinkStopsAfter;
    }

    private static void visitRethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** Which checked exception the calling stage declares. */
    private enum Checked {
        NONE,
        INJECTED,
        IO
    }

    /** Records the thread and the visit; returns the failure to throw now, if any. */
    private Throwable next(int stage, long value, Checked declared) {
        threads.add(Thread.currentThread());
        int ordinal = visits[stage].getAndIncrement();
        if (pauseEvery > 0 && Math.floorMod(value, pauseEvery) == 0) {
            LockSupport.parkNanos(20_000);
        }
        for (Failure failure : failures) {
            if (failure.stage() == stage && failure.ordinal() == ordinal) {
                String message =
                        "injected at stage " + stage + ", element #" + ordinal + " (" + value + ")";
                Throwable t =
                        switch (failure.kind()) {
                            case CHECKED ->
                                    switch (declared) {
                                        case NONE ->
                                                new InjectedUnchecked(
                                                        message); // the stage cannot throw a
                                        // checked one
                                        case INJECTED -> new InjectedChecked(message);
                                        case IO -> new InjectedIo(message);
                                    };
                            case UNCHECKED -> new InjectedUnchecked(message);
                            case ERROR -> new InjectedError(message);
                        };
                synchronized (thrown) {
                    thrown.add(t);
                }
                return t;
            }
        }
        return null;
    }

    /** Every thread that ran stage code. */
    List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** The {@code Done}s stages were handed. */
    Set<Done> dones() {
        return Set.copyOf(dones);
    }

    /** The failures actually thrown, in the order they were thrown. */
    List<Throwable> thrown() {
        synchronized (thrown) {
            return List.copyOf(thrown);
        }
    }
}
