package eclipse;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;

/** Stages in an inner class: an error on the class. */
public final class Outer {
    final class Inner {
        @Stage
        void gen(Out<Integer> out) {}
    }
}
