package io.github.stagehand.beam.example;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * wordfreq's output, the same for every engine: {@code COUNT<TAB>WORD} lines, most frequent first,
 * ties by word in byte order (the words are ASCII, so {@code String} order is byte order), at most
 * {@code top} of them.
 */
final class Ranking {
    private Ranking() {}

    static String lines(Map<String, Long> counts, int top) {
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(
                Comparator.comparing(Map.Entry<String, Long>::getValue, Comparator.reverseOrder())
                        .thenComparing(Map.Entry::getKey));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> entry : ranked.subList(0, Math.min(top, ranked.size()))) {
            out.append(entry.getValue()).append('\t').append(entry.getKey()).append('\n');
        }
        return out.toString();
    }
}
