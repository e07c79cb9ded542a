package golden;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.List;

/** A join: a stream stage reads the head's two outputs in turn (a zip) and feeds a sink. */
public final class Zip {
    private Zip() {}

    @Stage
    static void pairs(Out<Integer> numbers, Out<String> words, int n) {
        for (int i = 0; i < n; i++) {
            numbers.send(i);
            words.send("w" + i);
        }
    }

    @Stage(from = {"pairs.numbers", "pairs.words"}, buffer = 1)
    static void zip(In<Integer> left, In<String> right, Out<String> out) {
        for (Integer l; (l = left.receive()) != null; ) {
            String r = right.receive();
            if (r == null) {
                return;
            }
            out.send(l + ":" + r);
        }
    }

    @Stage
    static List<String> collect(In<String> in) {
        return in.stream().toList();
    }
}
