package io.github.stagehand.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The virtual threads of one benchmark invocation (a new crew per invocation): all are joined
 * before the invocation ends, so that no thread of one invocation runs into the next. The first
 * task to fail interrupts the others (a stuck partner would otherwise hang the benchmark) and its
 * exception is rethrown by {@link #join()}.
 *
 * <pre>{@code
 * Crew crew = new Crew();
 * crew.start("producer#0", () -> channel.send(1));
 * crew.start("consumer#0", () -> channel.receive());
 * crew.join();                            // every thread has ended
 * }</pre>
 *
 * <p>Invariants: {@code threads} holds every thread started, only grows, and changes only under the
 * monitor; {@code failure} is set once, under the monitor.
 */
final class Crew {

    /** A task's body; it may throw anything. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();
    private volatile Throwable failure;

    /** Starts {@code task} on a new virtual thread named {@code name}. */
    void start(String name, Task task) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> run(task));
        synchronized (this) { // fail() may be reading the list
            threads.add(thread);
        }
        thread.start();
    }

    private void run(Task task) {
        try {
            task.run();
        } catch (Throwable t) {
            fail(t);
        }
    }

    private synchronized void fail(Throwable t) {
        if (failure != null) {
            return;
        }
        failure = t;
        for (Thread thread : threads) {
            if (thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }

    /** Waits for every thread started; rethrows the first failure, if any. Call it once. */
    void join() throws InterruptedException {
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(threads);
        }
        for (Thread thread : started) {
            thread.join();
        }
        Throwable first = failure;
        if (first != null) {
            throw new IllegalStateException("a benchmark thread failed", first);
        }
    }
}
