package eclipse;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;

/** A graph whose from names no stage: an error on an array attribute. */
public final class Unknown {
    @Stage
    static void gen(Out<Integer> out) {}

    @Stage
    static int parse(int n) {
        return n;
    }

    @Stage(from = "prase")
    static long total(In<Integer> in) {
        return 0;
    }
}
