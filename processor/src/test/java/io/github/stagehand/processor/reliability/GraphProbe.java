package io.github.stagehand.processor.reliability;

import io.github.stagehand.runtime.Done;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the stages of a random graph ({@link GraphShape}) call: it records their threads and throws
 * the one injected failure, at the {@code ordinal}-th element that stage {@code stage} sees.
 */
public final class GraphProbe {
    private static volatile GraphProbe current;

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final int failStage;
    private final int failOrdinal;
    private final List<Boolean> waitedFor;
    private final AtomicInteger seen = new AtomicInteger();
    private volatile RuntimeException thrown;
    private volatile boolean thrownWhileOpen;

    /**
     * {@code waitedFor}: for each stage, by index, whether a sink that takes its whole input lies
     * downstream ({@link GraphShape#waitedFor}).
     */
    GraphProbe(int failStage, int failOrdinal, List<Boolean> waitedFor) {
        this.failStage = failStage;
        this.failOrdinal = failOrdinal;
        this.waitedFor = waitedFor;
    }

    /** The probe of the run in progress. */
    public static GraphProbe current() {
        return current;
    }

    static void install(GraphProbe probe) {
        current = probe;
    }

    /** Called by stage {@code stage} for each element it handles; {@code done} is the run's. */
    public void visit(int stage, Done done) {
        threads.add(Thread.currentThread());
        if (stage == failStage && seen.incrementAndGet() == failOrdinal) {
            RuntimeException failure = new IllegalStateException("injected at stage " + stage);
            // Only a sink that takes its whole input waits for this stage: it can end only after
            // the
            // stage closes its outputs, which the stage does after recording the failure, so the
            // failure must win. Sinks that stop early can all return, and complete the run and
            // close done, while this failure is still on its way to the scope: it races that
            // close, and may fairly lose.
            thrownWhileOpen = !done.isClosed() && waitedFor.get(stage);
            thrown = failure;
            throw failure;
        }
    }

    /**
     * Whether the injected failure was thrown while done was still open and some sink still had to
     * return: then it must win.
     */
    boolean thrownWhileOpen() {
        return thrownWhileOpen;
    }

    /** Called once by each stage worker as it starts. */
    public void started() {
        threads.add(Thread.currentThread());
    }

    RuntimeException thrown() {
        return thrown;
    }

    List<Thread> alive() {
        return threads.stream().filter(Thread::isAlive).toList();
    }
}
