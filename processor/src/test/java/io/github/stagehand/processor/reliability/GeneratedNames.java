package io.github.stagehand.processor.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the generated wiring also uses for itself (locals, parameters, builder methods), which the
 * random and fuzzed sources give their stages too, so that a clash the writer's {@code
 * NameAllocator} misses fails a test. One list for both generators: a name the writer starts to use
 * belongs here.
 */
final class GeneratedNames {
    static final List<String> LOCALS =
            List.of(
                    "collect",
                    "scope",
                    "done",
                    "in",
                    "out",
                    "merge",
                    "worker",
                    "lane",
                    "order",
                    "value",
                    "failure",
                    "owner",
                    "parent",
                    "deadline",
                    "timeout",
                    "start",
                    "run",
                    "builder",
                    "e");

    private GeneratedNames() {}

    /** {@code before}, then {@link #LOCALS}, then {@code after}: a generator's stage names. */
    static List<String> around(List<String> before, List<String> after) {
        List<String> names = new ArrayList<>(before);
        names.addAll(LOCALS);
        names.addAll(after);
        return List.copyOf(names);
    }
}
