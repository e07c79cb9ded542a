package eclipse;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;

/** A stage that both takes an Out and returns. */
public final class OutAndReturn {
    @Stage
    static void gen(Out<Integer> out) {}

    @Stage
    static int sq(int n, Out<Integer> out) {
        return n * n;
    }
}
