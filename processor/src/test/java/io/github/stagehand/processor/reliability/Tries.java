package io.github.stagehand.processor.reliability;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * Runs numbered tries of a randomized test, each from its own seed derived from the run's seed
 * ({@link Budget#seed()}). A failing try names the seed and its number, so it can be replayed
 * alone: {@code -Dstagehand.seed=S -Dstagehand.try=N}.
 */
final class Tries {
    /** One try. */
    interface Body {
        void run(int index, Random random) throws Exception;
    }

    private Tries() {}

    static void run(String what, int tries, Body body) {
        long seed = Budget.seed();
        Integer only = Integer.getInteger("stagehand.try");
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            long trySeed = seeds.nextLong();
            if (only != null && only != i) {
                continue;
            }
            try {
                body.run(i, new Random(trySeed));
            } catch (Throwable t) {
                throw new AssertionError(
                        what
                                + ": try #"
                                + i
                                + " of "
                                + tries
                                + " failed; replay it alone with"
                                + " -Dstagehand.seed="
                                + seed
                                + " -Dstagehand.try="
                                + i
                                + "\n"
                                + t.getMessage(),
                        t);
            }
        }
    }
}
