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
    private final List<Set<Integer>> downstreamSinks;
    private final AtomicInteger seen = new AtomicInteger();
    private final Set<Integer> sinksReturned = ConcurrentHashMap.newKeySet();
    private volatile RuntimeException thrown;
    private volatile boolean thrownWhileOpen;

    /**
     * {@code downstreamSinks}: for each stage, by index, the sinks its outputs reach ({@link
     * GraphShape#downstreamSinks}).
     */
    GraphProbe(int failStage, int failOrdinal, List<Set<Integer>> downstreamSinks) {
        this.failStage = failStage;
        this.failOrdinal = failOrdinal;
        this.downstreamSinks = downstreamSinks;
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
            // A stage whose downstream sinks have all returned does work nobody takes: nothing
            // waits for it to end, so the run may complete (the last sink returns, and done
            // closes) while this failure is still on its way to the scope. It races that close and
            // may fairly lose. Otherwise a sink downstream can end only after this stage closes
            // its outputs, which it does after recording the failure: then the failure must win.
            thrownWhileOpen =
                    !done.isClosed() && !sinksReturned.containsAll(downstreamSinks.get(stage));
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

    /** Called by sink {@code sink} (its stage index) as it returns its value. */
    public void sinkReturning(int sink) {
        sinksReturned.add(sink);
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
