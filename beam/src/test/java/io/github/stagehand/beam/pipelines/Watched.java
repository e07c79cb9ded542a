package io.github.stagehand.beam.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stages that take {@code done}: numbers -> tagged (2 workers) -> opens. */
public final class Watched {
    private Watched() {}

    /** Every Done that tagged saw, to check after the run that each was closed. */
    public static final List<Done> SEEN = new CopyOnWriteArrayList<>();

    @Stage
    static void numbers(Out<Integer> out, Done done, int n) {
        for (int i = 0; i < n && !done.isClosed(); i++) {
            out.send(i);
        }
    }

    @Stage(workers = 2)
    static void tagged(int v, Out<String> out, Done done) {
        if (!SEEN.contains(done)) {
            SEEN.add(done);
        }
        out.send(done.isClosed() ? "closed" : "open");
    }

    @Stage
    static long opens(In<String> in) {
        return in.stream().filter("open"::equals).count();
    }
}
