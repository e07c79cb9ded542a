package eclipse;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;

/** A private stage and a stage without workers: errors on a method and on an attribute. */
public final class Private {
    @Stage
    private static void gen(Out<Integer> out) {}

    @Stage(workers = 0)
    static int sq(int n) {
        return n * n;
    }
}
