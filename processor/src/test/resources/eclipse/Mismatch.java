package eclipse;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;

/** Neighbours whose types do not meet, which names types in the message. */
public final class Mismatch {
    @Stage
    static void gen(Out<Integer> out) {}

    @Stage
    static int length(
            String text) {
        return text.length();
    }
}
