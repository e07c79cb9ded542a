package golden;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fusion: a map stage runs on the thread of the stream stage after it; a flat stage that could run
 * on the sink's asks to keep a thread of its own.
 */
public final class Tally {
    private Tally() {}

    @Stage
    static void lines(Out<String> out, List<String> text) {
        for (String line : text) {
            out.send(line);
        }
    }

    @Stage
    static int length(String line) {
        return line.length();
    }

    @Stage
    static void nonEmpty(In<Integer> lengths, Out<Integer> out) {
        for (Integer n : lengths) {
            if (n > 0) {
                out.send(n);
            }
        }
    }

    @Stage(fuse = false)
    static void digits(Integer n, Out<Integer> out) {
        for (char c : Integer.toString(n).toCharArray()) {
            out.send(c - '0');
        }
    }

    @Stage
    static Map<Integer, Long> count(In<Integer> digits) {
        Map<Integer, Long> counts = new HashMap<>();
        for (Integer d : digits) {
            counts.merge(d, 1L, Long::sum);
        }
        return counts;
    }
}
