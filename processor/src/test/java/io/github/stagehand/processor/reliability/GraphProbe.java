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
    private final int sinks;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger sinksReturned = new AtomicInteger();
    private volatile RuntimeException thrown;
    private volatile boolean thrownWhileOpen;

    GraphProbe(int failStage, int failOrdinal, int sinks) {
        this.failStage = failStage;
        this.failOrdinal = failOrdinal;
        this.sinks = sinks;
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
            // once every sink has returned, the run is complete and done is about to close: a
            // failure thrown in that instant races the close, and may fairly lose
            thrownWhileOpen = !done.isClosed() && sinksReturned.get() < sinks;
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

    /** Called by each sink as it returns its value. */
    public void sinkReturning() {
        sinksReturned.incrementAndGet();
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
