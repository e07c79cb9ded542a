package golden;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;

/**
 * The Go blog's first pipeline: {@code gen} emits the numbers, {@code sq} squares them on two
 * workers whose outputs are merged. {@code SquaresPipeline} is generated from these two methods.
 */
public final class Squares {
    private Squares() {}

    /** The head: emits each number, like the blog's {@code gen}. */
    @Stage
    static void gen(Out<Integer> out, int... nums) {
        for (int n : nums) {
            out.send(n);
        }
    }

    /** Squares one number; two workers share the input and their outputs are merged. */
    @Stage(workers = 2)
    static int sq(int n) {
        return n * n;
    }
}
