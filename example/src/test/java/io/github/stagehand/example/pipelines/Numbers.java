package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;

/** Instance stages, no sink: gen(n) -> square (3 workers). Emits 0..n-1 squared. */
public final class Numbers {
    public final StageThreads threads = new StageThreads();

    @Stage
    void gen(Out<Integer> out, int n) {
        threads.record();
        for (int i = 0; i < n; i++) {
            out.send(i);
        }
    }

    @Stage(workers = 3)
    long square(int v) {
        threads.record();
        return (long) v * v;
    }
}
