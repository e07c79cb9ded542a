package io.github.stagehand.processor.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the reliability tests run, and from which seed. Every build runs them briefly from a
 * fixed seed; the {@code stress} Maven profile sets {@code stagehand.stress=true}, which raises
 * every budget and draws a fresh seed (printed, so a failure can be replayed with {@code
 * -Dstagehand.seed=N}). Each budget can also be set alone: {@code -Dstagehand.stress.<name>=N}.
 */
public final class Budget {
    /** The seed of the default run: fixed, so CI explores the same cases every time. */
    static final long DEFAULT_SEED = 20260601L;

    private Budget() {}

    /** Whether this is a stress run. */
    public static boolean stress() {
        return Boolean.getBoolean("stagehand.stress");
    }

    /** The budget {@code name}: {@code quick} normally, {@code long} under the stress profile. */
    public static int of(String name, int quick, int stress) {
        return Integer.getInteger("stagehand.stress." + name, stress() ? stress : quick);
    }

    /** The run's seed: {@code -Dstagehand.seed}, else fixed, or random in a stress run. */
    public static long seed() {
        String given = System.getProperty("stagehand.seed");
        if (given != null && !given.isBlank()) {
            return Long.parseLong(given.trim());
        }
        return stress() ? Holder.RANDOM_SEED : DEFAULT_SEED;
    }

    /**
     * Writes the figures of one test to {@code target/reliability/<name>.properties} and prints
     * them, for docs/reliability.md.
     */
    public static void report(String name, Map<String, ?> figures) {
        StringBuilder text =
                new StringBuilder("# " + name + (stress() ? " (stress)" : " (default run)") + "\n");
        figures.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        System.out.print(text);
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".properties"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Holder {
        static final long RANDOM_SEED = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }
}
