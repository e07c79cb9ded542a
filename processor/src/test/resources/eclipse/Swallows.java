package eclipse;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;

/**
 * A valid pipeline whose head swallows its cancellation: javac's syntax trees show the catch
 * ([StageCatchesCancel], a warning); the pipeline is generated either way.
 */
public final class Swallows {
    @Stage
    static void gen(Out<Integer> out) {
        for (int i = 0; i < 10; i++) {
            try {
                out.send(i);
            } catch (Throwable t) {
                System.err.println(t);
            }
        }
    }

    @Stage
    static long count(In<Integer> in) {
        long count = 0;
        for (int n : in) {
            count += n;
        }
        return count;
    }
}
