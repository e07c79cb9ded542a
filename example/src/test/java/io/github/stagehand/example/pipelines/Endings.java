package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Small pipelines that end badly on purpose, one per nested class (a class holds one pipeline): a
 * head that fails after some elements, a map that returns null, a head that sends null, a stage
 * that throws its own {@link InterruptedException}, and a head that swallows its cancellation.
 */
public final class Endings {
    private Endings() {}

    /** gen(n, failAt, unchecked) -> twice: gen throws after {@code failAt} elements. */
    public static final class Truncated {
        private Truncated() {}

        @Stage
        static void gen(Out<Integer> out, int n, int failAt, boolean unchecked) throws IOException {
            for (int i = 0; i < n; i++) {
                if (i == failAt) {
                    if (unchecked) {
                        throw new IllegalStateException("gen broke at " + i);
                    }
                    throw new IOException("gen broke at " + i);
                }
                out.send(i);
            }
        }

        @Stage(workers = 2, ordered = true)
        static int twice(int n) {
            return 2 * n;
        }
    }

    /** gen(n) -> name: name returns null for 3. */
    public static final class NullMapped {
        private NullMapped() {}

        @Stage
        static void gen(Out<Integer> out, int n) {
            for (int i = 0; i < n; i++) {
                out.send(i);
            }
        }

        @Stage
        static String name(int n) {
            return n == 3 ? null : "n" + n;
        }
    }

    /** words -> upper: words sends null after "a". */
    public static final class NullSent {
        private NullSent() {}

        @Stage
        static void words(Out<String> out) {
            out.send("a");
            out.send(null);
        }

        @Stage
        static String upper(String s) {
            return s.toUpperCase();
        }
    }

    /** ticks -> square: ticks throws an InterruptedException of its own after 3 elements. */
    public static final class Interrupted {
        private Interrupted() {}

        @Stage
        static void ticks(Out<Integer> out) throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                out.send(i);
            }
            throw new InterruptedException("ticks gave up");
        }

        @Stage
        static int square(int n) {
            return n * n;
        }
    }

    /** gen(n) -> print: a void sink, the for-each; {@code run} returns nothing. */
    public static final class Printed {
        public final List<Integer> printed = new CopyOnWriteArrayList<>();

        @Stage
        void gen(Out<Integer> out, int n) {
            for (int i = 0; i < n; i++) {
                out.send(i);
            }
        }

        @Stage(workers = 2, ordered = true)
        int square(int n) {
            return n * n;
        }

        @Stage
        void print(In<Integer> in) {
            for (int v : in) {
                printed.add(v);
            }
        }
    }

    /** forever -> plus: forever swallows the signal that would end it, until released. */
    public static final class Swallowing {
        public final AtomicBoolean release = new AtomicBoolean();

        @Stage
        @SuppressWarnings("StageCatchesCancel")
        void forever(Out<Integer> out) {
            while (!release.get()) {
                try {
                    out.send(1);
                } catch (Throwable swallowed) {
                    Thread.yield(); // the mistake [StageCatchesCancel] warns about
                }
            }
        }

        @Stage
        int plus(int n) {
            return n + 1;
        }
    }
}
