/**
 * How long one cache line takes to go from one core to another and back: two platform threads
 * pass a counter through two volatile fields, each spinning until the other has written. Prints
 * the round trip in nanoseconds, best of five rounds.
 *
 * <p>Every hand-off between virtual threads on two carriers moves a few such lines (the channel's
 * lock, the waiter, the carrier's queue), so this figure bounds how fast a pipeline whose stages
 * do little work can go on two cores. On this project's 2-core KVM machine it is 420-460 ns in the
 * minutes when every virtual-thread pipeline is slow, Go's too when it runs on two processors
 * (docs/performance.md, "Two carriers or one").
 *
 * <pre>
 * java bench/CoreLatency.java [ROUND_TRIPS]      # default 2000000
 * </pre>
 */
public final class CoreLatency {
    private static volatile long ping;
    private static volatile long pong;

    public static void main(String[] args) throws InterruptedException {
        int trips = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            ping = 0;
            pong = 0;
            Thread echo =
                    Thread.ofPlatform()
                            .start(
                                    () -> {
                                        for (long i = 1; i <= trips; i++) {
                                            while (ping != i) {
                                                Thread.onSpinWait();
                                            }
                                            pong = i;
                                        }
                                    });
            long start = System.nanoTime();
            for (long i = 1; i <= trips; i++) {
                ping = i;
                while (pong != i) {
                    Thread.onSpinWait();
                }
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) trips);
            echo.join();
        }
        System.out.printf("core-to-core round trip ns=%.0f%n", best);
    }
}
