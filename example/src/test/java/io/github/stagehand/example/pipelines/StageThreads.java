package io.github.stagehand.example.pipelines;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Records every thread that ran stage code, so a test can check that none is left alive. */
public final class StageThreads {
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** Called from inside a stage. */
    public void record() {
        threads.add(Thread.currentThread());
    }

    public List<Thread> seen() {
        return List.copyOf(threads);
    }

    public List<Thread> alive() {
        return threads.stream().filter(Thread::isAlive).toList();
    }

    public List<String> names() {
        return threads.stream().map(Thread::getName).sorted().toList();
    }
}
