package io.github.stagehand.benchmarks;

import io.github.stagehand.runtime.Channel;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.internal.StageBody;
import io.github.stagehand.runtime.internal.StageScope;
import java.util.Locale;

/**
 * Whispers: a daisy chain of {@code n} virtual threads over unbuffered Stagehand channels, each
 * receiving from its right, adding 1 and sending to its left (the "Chinese whispers" of Go
 * Concurrency Patterns). The same program as {@code ../shared/bench/go/whispers}, which {@code
 * ../shared/bench/anchors.sh whispers N} runs, and it prints the same line:
 *
 * <pre>
 * $ java -cp benchmarks/target/benchmarks.jar io.github.stagehand.benchmarks.Whispers -n 100000
 * stagehand whispers n=100000 result=100001 elapsed=<seconds>s
 * </pre>
 *
 * <p>The time runs from before the first channel is made until the leftmost value is received, as
 * Go's does. The whisperers are the stage threads of one {@link StageScope}, as a generated
 * pipeline's are; its {@code done} serves the whole chain, and it is closed on the way out, after
 * the time is taken. {@code -rounds R} repeats the chain in the same JVM, one line per round (the
 * first is the one that compares with Go's single run; later ones show the warmed-up JIT). {@code
 * bench/whispers.sh} runs both side by side.
 */
public final class Whispers {
    private Whispers() {}

    public static void main(String[] args) throws InterruptedException {
        int n = 100_000;
        int rounds = 1;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i].replaceFirst("^--?", "");
            String value;
            int eq = flag.indexOf('=');
            if (eq >= 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw usage("missing value for " + args[i]);
            }
            switch (flag) {
                case "n" -> n = Integer.parseInt(value);
                case "rounds" -> rounds = Integer.parseInt(value);
                default -> throw usage("unknown flag " + args[i]);
            }
        }
        if (n < 0 || rounds < 1) {
            throw usage("-n must not be negative, -rounds must be positive");
        }
        for (int r = 0; r < rounds; r++) {
            round(n);
        }
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem + "; usage: Whispers [-n N] [-rounds R]");
    }

    /** One chain, run on a virtual thread as Go's main is a goroutine; prints its line. */
    private static void round(int n) throws InterruptedException {
        Thread main =
                Thread.ofVirtual()
                        .name("whispers")
                        .start(
                                () -> {
                                    long start = System.nanoTime();
                                    StageScope scope = new StageScope("Whispers", new Done());
                                    try {
                                        int result = whispers(n, scope);
                                        double elapsed = (System.nanoTime() - start) / 1e9;
                                        System.out.printf(
                                                Locale.ROOT,
                                                "stagehand whispers n=%d result=%d elapsed=%.3fs%n",
                                                n,
                                                result,
                                                elapsed);
                                    } finally {
                                        scope.close(); // defer close(done), and every thread ended
                                    }
                                });
        main.join();
    }

    /**
     * Builds the chain of {@code n} whisperers, each a stage thread of {@code scope} (named {@code
     * Whispers.whisper#i}), starts it with 1 at the right end, and returns what reaches the left
     * end.
     */
    static int whispers(int n, StageScope scope) {
        Channel<Integer> leftmost = scope.channel(0);
        Channel<Integer> right = leftmost;
        Channel<Integer> left = leftmost;
        for (int i = 0; i < n; i++) {
            right = scope.channel(0);
            scope.fork("whisper", i, new Whisper(left, right));
            left = right;
        }
        scope.fork("whisper", n, new Whisper(right, null));
        return leftmost.receive();
    }

    /**
     * Go's {@code whisper(left, right chan int) { left <- 1 + <-right }}, and with no {@code right}
     * its {@code go func(c chan int) { c <- 1 }(right)}. One class for both: a second class of
     * stage body, first seen after 100,000 threads have parked, would invalidate the code they
     * parked in (compiled when there was one), and each would deoptimize as it wakes.
     */
    private record Whisper(Channel<Integer> left, Channel<Integer> right) implements StageBody {
        @Override
        public void run() {
            left.send(right == null ? 1 : 1 + right.receive());
        }
    }
}
