package golden;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A graph: side outputs (split), tees (parse feeds split and total; split.errors feeds errorSample
 * and service), a merge (service takes both of split's outputs) and several sinks.
 */
public final class Report {
    private Report() {}

    /** A parsed log line. */
    public record Entry(String service, int status) {}

    @Stage
    static void lines(Out<String> out, List<String> lines) {
        for (String line : lines) {
            out.send(line);
        }
    }

    @Stage(workers = 4)
    static Entry parse(String line) {
        String[] fields = line.split(" ");
        return new Entry(fields[0], Integer.parseInt(fields[1]));
    }

    @Stage
    static void split(Entry e, Out<Entry> errors, Out<Entry> requests) {
        (e.status() >= 500 ? errors : requests).send(e);
    }

    @Stage(from = "split.errors")
    static List<Entry> errorSample(In<Entry> in) {
        return in.stream().limit(10).toList();
    }

    @Stage(from = {"split.requests", "split.errors"}, workers = 2)
    static String service(Entry e) {
        return e.service();
    }

    @Stage
    static Map<String, Long> byService(In<String> in) {
        Map<String, Long> counts = new TreeMap<>();
        in.forEach(s -> counts.merge(s, 1L, Long::sum));
        return counts;
    }

    @Stage(from = "parse")
    static long total(In<Entry> in) {
        return in.stream().count();
    }
}
