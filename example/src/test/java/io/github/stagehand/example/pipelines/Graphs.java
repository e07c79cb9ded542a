package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Pipeline graphs, one per nested class (a class holds one pipeline). */
public final class Graphs {
    private Graphs() {}

    /** numbers -> square (2 workers), teed into three sinks: run returns a Result. */
    public static final class Teed {
        public final StageThreads threads = new StageThreads();

        @Stage
        void numbers(Out<Integer> out, int n) {
            threads.record();
            for (int i = 0; i < n; i++) {
                out.send(i);
            }
        }

        @Stage(workers = 2)
        int square(int n) {
            threads.record();
            return n * n;
        }

        @Stage
        long sum(In<Integer> in) {
            threads.record();
            long sum = 0;
            for (int v : in) {
                sum += v;
            }
            return sum;
        }

        @Stage(from = "square")
        long count(In<Integer> in) {
            threads.record();
            long count = 0;
            for (Integer ignored : in) {
                count++;
            }
            return count;
        }

        @Stage(from = "square", buffer = 4)
        List<Integer> collect(In<Integer> in) {
            threads.record();
            List<Integer> all = new ArrayList<>();
            in.forEach(all::add);
            return all;
        }
    }

    /** numbers -> split into two ports, each ending in its own sink. */
    public static final class Split {
        @Stage
        static void numbers(Out<Integer> out, int n) {
            for (int i = 0; i < n; i++) {
                out.send(i);
            }
        }

        @Stage(workers = 3)
        static void split(int n, Out<Integer> evens, Out<Integer> odds) {
            (n % 2 == 0 ? evens : odds).send(n);
        }

        @Stage(from = "split.evens")
        static List<Integer> evens(In<Integer> in) {
            return in.stream().sorted().toList();
        }

        @Stage(from = "split.odds")
        static List<Integer> odds(In<Integer> in) {
            return in.stream().sorted().toList();
        }
    }

    /** A head with two ports, merged back into one map stage: start() returns its output. */
    public static final class Merged {
        @Stage
        static void sizes(Out<Integer> small, Out<Integer> large, int n) {
            for (int i = 0; i < n; i++) {
                small.send(i);
                large.send(1_000 + i);
            }
        }

        @Stage(
                from = {"sizes.small", "sizes.large"},
                workers = 2)
        static String label(int n) {
            return (n < 1_000 ? "small " : "large ") + n;
        }
    }

    /** A head with two ports, joined again by a stream stage that reads them in turn (a zip). */
    public static final class Zipped {
        @Stage
        static void pairs(Out<Integer> numbers, Out<String> words, int n) {
            for (int i = 0; i < n; i++) {
                numbers.send(i);
                words.send("w" + i);
            }
        }

        @Stage(from = {"pairs.numbers", "pairs.words"})
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

    /** numbers teed into a sink that stops after three and one that counts everything. */
    public static final class EarlyExit {
        @Stage
        static void numbers(Out<Integer> out, int n) {
            for (int i = 0; i < n; i++) {
                out.send(i);
            }
        }

        @Stage
        static List<Integer> firstThree(In<Integer> in) {
            List<Integer> three = new ArrayList<>();
            for (int v : in) {
                three.add(v);
                if (three.size() == 3) {
                    return three; // leaves the tee; the other consumer goes on
                }
            }
            return three;
        }

        @Stage(from = "numbers")
        static long all(In<Integer> in) {
            long count = 0;
            for (Integer ignored : in) {
                count++;
            }
            return count;
        }
    }

    /** An endless head teed into a sink that fails and one that never ends on its own. */
    public static final class Failing {
        public final StageThreads threads = new StageThreads();

        @Stage
        void forever(Out<Long> out) {
            threads.record();
            for (long i = 0; ; i++) {
                out.send(i);
            }
        }

        @Stage
        long failAt(In<Long> in) throws IOException {
            threads.record();
            for (long v : in) {
                if (v == 100) {
                    throw new IOException("failAt broke at " + v);
                }
            }
            return 0;
        }

        @Stage(from = "forever")
        void drain(In<Long> in) {
            threads.record();
            for (Long ignored : in) {
                // until done closes
            }
        }
    }

    /**
     * A stream stage that ends early at the straight top of a graph, above a tee: the head's edge
     * into it is owned (the head waits for done once the stage has left), and the tee below goes on
     * to both sinks.
     */
    public static final class EarlyStreamAboveTee {
        @Stage
        static void numbers(Out<Integer> out, int n) {
            for (int i = 0; i < n; i++) {
                out.send(i);
            }
        }

        @Stage
        static void firstFive(In<Integer> in, Out<Integer> out) {
            int taken = 0;
            for (int v : in) {
                out.send(v);
                if (++taken == 5) {
                    return;
                }
            }
        }

        @Stage
        static long sum(In<Integer> in) {
            long sum = 0;
            for (int v : in) {
                sum += v;
            }
            return sum;
        }

        @Stage(from = "firstFive")
        static long count(In<Integer> in) {
            long count = 0;
            for (Integer ignored : in) {
                count++;
            }
            return count;
        }
    }

    /**
     * Below a tee: a stream stage that ends early (it must leave its input, so the tee goes on to
     * the other branch), and a chain of maps whose inner edge is owned though something above
     * branches.
     */
    public static final class EarlyStreamBelowTee {
        @Stage
        static void numbers(Out<Integer> out, int n) {
            EarlyStreamAboveTee.numbers(out, n);
        }

        @Stage
        static void firstFive(In<Integer> in, Out<Integer> out) {
            EarlyStreamAboveTee.firstFive(in, out);
        }

        @Stage
        static long sum(In<Integer> in) {
            return EarlyStreamAboveTee.sum(in);
        }

        @Stage(from = "numbers", workers = 2)
        static long doubled(int v) {
            return 2L * v;
        }

        @Stage
        static long plusOne(long v) {
            return v + 1;
        }

        @Stage
        static long total(In<Long> in) {
            long total = 0;
            for (long v : in) {
                total += v;
            }
            return total;
        }
    }
}
