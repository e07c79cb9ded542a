package eclipse;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;

/** Stages in a local class: only javac's syntax trees show them ([StageOwnerLocal]). */
public final class Local {
    static Object build() {
        class Inside {
            @Stage
            static void gen(Out<Integer> out) {}
        }
        return new Inside();
    }
}
