package io.github.stagehand.beam.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** lines -> words (2 workers) -> frequencies: a chain of static stages. */
public final class WordFrequencies {
    private WordFrequencies() {}

    @Stage
    static void lines(Out<String> out, List<String> text) {
        text.forEach(out::send);
    }

    /** Maximal runs of [a-z0-9] after ASCII lower-casing. */
    @Stage(workers = 2)
    static void words(String line, Out<String> out) {
        for (String word : line.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                out.send(word);
            }
        }
    }

    @Stage
    static Map<String, Long> frequencies(In<String> words) {
        Map<String, Long> counts = new TreeMap<>();
        for (String word : words) {
            counts.merge(word, 1L, Long::sum);
        }
        return counts;
    }
}
