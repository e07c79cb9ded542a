package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Fused}'s shape with {@code fuse = false}: {@code twice} keeps a thread of its own. */
public final class Apart {
    public final Set<String> twiceThreads = ConcurrentHashMap.newKeySet();

    @Stage
    void numbers(Out<Integer> out, int n) {
        for (int v = 1; v <= n; v++) {
            out.send(v);
        }
    }

    @Stage(fuse = false)
    int twice(int v) {
        twiceThreads.add(Thread.currentThread().getName());
        return 2 * v;
    }

    @Stage
    long sum(In<Integer> values) {
        long sum = 0;
        for (Integer v : values) {
            sum += v;
        }
        return sum;
    }
}
