package io.github.stagehand.benchmarks.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Times a workload's variants side by side ({@link LogsPeers}, {@link SeedPeers}): Stagehand's
 * generated pipeline, the plain loop, Reactor, RxJava, Pekko Streams, a parallel stream and {@code
 * Gatherers.mapConcurrent}. {@code bench/peers.sh} runs it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.stagehand.benchmarks.peers.Peers \
 *     logs [--warm-up 8] [--rounds 7] [--fresh] [--variants stagehand,loop,...] FILE...
 * java -cp ... Peers seed [--n 2000000] [...]
 * </pre>
 *
 * <p>Warm (the default): every variant runs in turn, untimed, for {@code --warm-up} seconds and at
 * least three turns; then round r times each variant in turn, {@code --rounds} times. One line per
 * round and variant, {@code peers W round=R variant=V s=S}, then one per variant: {@code peers W
 * variant=V best s=S median s=S best/loop=X median/loop=X}, the ratios this variant's time over the
 * loop's (below 1.00 faster than the loop); the seed adds {@code best items/s} and {@code median
 * items/s}. The loop is always among the variants, since every result is checked against its own.
 *
 * <p>Fresh ({@code --fresh}): one variant, {@code --rounds} timed rounds (default 5) with no other
 * warm-up, as a JVM started for one job runs it; then {@code peers W fresh variant=V best s=S
 * median s=S}. Its results are checked against the loop's, run after the timed rounds so that the
 * loop warms up nothing the variant uses.
 *
 * <p>A result that differs from the loop's fails the run (exit 1); bad arguments exit 2.
 */
public final class Peers {
    private static final String USAGE =
            "usage: Peers logs|seed [--warm-up SECONDS] [--rounds R] [--fresh]"
                    + " [--variants V,...] [--n N (seed)] [FILE... (logs)]";

    private final String workload;
    private final Workload peers;
    private final List<String> names;

    private Peers(String workload, Workload peers, List<String> names) {
        this.workload = workload;
        this.peers = peers;
        this.names = names;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("peers: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try (Workload peers =
                options.workload.equals("logs")
                        ? new LogsPeers(options.files)
                        : new SeedPeers(options.n)) {
            List<String> known = new ArrayList<>(peers.variants().keySet());
            List<String> names = options.variants.isEmpty() ? known : options.variants;
            for (String name : names) {
                if (!known.contains(name)) {
                    System.err.println("peers: no variant " + name + "; there are " + known);
                    System.exit(2);
                }
            }
            Peers run = new Peers(options.workload, peers, names);
            if (options.fresh) {
                run.fresh(options.rounds < 0 ? 5 : options.rounds);
            } else {
                run.warm(options.warmUpSeconds, options.rounds < 0 ? 7 : options.rounds);
            }
        }
        System.out.flush();
    }

    /** Warm-up by turns, then interleaved rounds; every result checked against the loop's. */
    private void warm(double warmUpSeconds, int rounds) throws Exception {
        Map<String, Workload.Run> variants = new LinkedHashMap<>();
        for (String name : names) {
            variants.put(name, peers.variants().get(name));
        }
        variants.putIfAbsent("loop", peers.variants().get("loop"));
        Object expected = variants.get("loop").apply();
        long warmUpEnd = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        int turns = 0;
        while (turns < 3 || System.nanoTime() < warmUpEnd) {
            for (Map.Entry<String, Workload.Run> variant : variants.entrySet()) {
                check(variant.getKey(), "warm-up", variant.getValue().apply(), expected);
            }
            turns++;
        }
        System.out.printf(
                Locale.ROOT,
                "peers %s warm-up turns=%d s=%.1f cores=%d%n",
                workload,
                turns,
                warmUpSeconds,
                Runtime.getRuntime().availableProcessors());
        Map<String, double[]> seconds = new LinkedHashMap<>();
        variants.keySet().forEach(name -> seconds.put(name, new double[rounds]));
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Workload.Run> variant : variants.entrySet()) {
                long start = System.nanoTime();
                Object result = variant.getValue().apply();
                double s = (System.nanoTime() - start) / 1e9;
                check(variant.getKey(), "round " + (r + 1), result, expected);
                seconds.get(variant.getKey())[r] = s;
                System.out.printf(
                        Locale.ROOT,
                        "peers %s round=%d variant=%s s=%.6f%n",
                        workload,
                        r + 1,
                        variant.getKey(),
                        s);
            }
        }
        double loopBest = best(seconds.get("loop"));
        double loopMedian = median(seconds.get("loop"));
        for (Map.Entry<String, double[]> variant : seconds.entrySet()) {
            double best = best(variant.getValue());
            double median = median(variant.getValue());
            System.out.printf(
                    Locale.ROOT,
                    "peers %s variant=%s best s=%.6f median s=%.6f best/loop=%.2f"
                            + " median/loop=%.2f%s%n",
                    workload,
                    variant.getKey(),
                    best,
                    median,
                    best / loopBest,
                    median / loopMedian,
                    itemsPerSecond(best, median));
        }
    }

    /** One variant's rounds with no warm-up; the loop's result computed afterwards to check. */
    private void fresh(int rounds) throws Exception {
        if (names.size() != 1) {
            throw new IllegalArgumentException("--fresh times one variant, not " + names);
        }
        String name = names.get(0);
        Workload.Run variant = peers.variants().get(name);
        double[] seconds = new double[rounds];
        List<Object> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            results.add(variant.apply());
            seconds[r] = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "peers %s fresh round=%d variant=%s s=%.6f%n",
                    workload,
                    r + 1,
                    name,
                    seconds[r]);
        }
        Object expected = peers.variants().get("loop").apply();
        for (int r = 0; r < rounds; r++) {
            check(name, "round " + (r + 1), results.get(r), expected);
        }
        System.out.printf(
                Locale.ROOT,
                "peers %s fresh variant=%s best s=%.6f median s=%.6f%s%n",
                workload,
                name,
                best(seconds),
                median(seconds),
                itemsPerSecond(best(seconds), median(seconds)));
    }

    /** The items/s of the best and median seconds, for a workload that counts items. */
    private String itemsPerSecond(double best, double median) {
        long items = peers.items();
        return items == 0
                ? ""
                : String.format(
                        Locale.ROOT,
                        " best items/s=%.0f median items/s=%.0f",
                        items / best,
                        items / median);
    }

    private static void check(String variant, String when, Object result, Object expected) {
        if (!Objects.equals(result, expected)) {
            throw new IllegalStateException(
                    "variant "
                            + variant
                            + ", "
                            + when
                            + ": its result differs from the loop's\n  "
                            + variant
                            + ": "
                            + result
                            + "\n  loop: "
                            + expected);
        }
    }

    private static double best(double[] seconds) {
        return Arrays.stream(seconds).min().orElseThrow();
    }

    private static double median(double[] seconds) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The command line, checked. */
    private record Options(
            String workload,
            double warmUpSeconds,
            int rounds,
            boolean fresh,
            List<String> variants,
            int n,
            List<Path> files) {

        static Options parse(String[] args) {
            if (args.length == 0 || !(args[0].equals("logs") || args[0].equals("seed"))) {
                throw new IllegalArgumentException("the first argument is logs or seed");
            }
            double warmUp = 8;
            int rounds = -1; // the mode's default
            boolean fresh = false;
            List<String> variants = List.of();
            int n = 2_000_000;
            List<Path> files = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--fresh" -> fresh = true;
                    case "--warm-up" -> warmUp = number(arg, value(args, ++i), 0);
                    case "--rounds" -> rounds = (int) number(arg, value(args, ++i), 1);
                    case "--n" -> n = (int) number(arg, value(args, ++i), 1);
                    case "--variants" -> variants = List.of(value(args, ++i).split(","));
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        files.add(Path.of(arg));
                    }
                }
            }
            if (args[0].equals("logs") && files.isEmpty()) {
                throw new IllegalArgumentException("logs needs the log files to read");
            }
            if (args[0].equals("seed") && !files.isEmpty()) {
                throw new IllegalArgumentException("seed reads no files: " + files);
            }
            for (Path file : files) {
                if (!Files.isReadable(file)) {
                    throw new IllegalArgumentException("cannot read " + file);
                }
            }
            if (fresh && variants.size() != 1) {
                throw new IllegalArgumentException("--fresh needs --variants with one variant");
            }
            return new Options(args[0], warmUp, rounds, fresh, variants, n, files);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static double number(String option, String value, double least) {
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, not " + value);
            }
            if (!(v >= least) || (least >= 1 && v != Math.rint(v)) || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        option
                                + " takes "
                                + (least >= 1 ? "a positive integer" : "seconds >= 0")
                                + ", not "
                                + value);
            }
            return v;
        }
    }
}
