import java.util.concurrent.locks.LockSupport;

/**
 * The least a virtual-thread switch costs on this JDK, with no channel code at all: two virtual
 * threads take turns through one volatile field, and the one whose turn it is not either parks
 * (woken by {@code LockSupport.unpark}, as every blocking hand-off is) or yields. Prints the
 * nanoseconds per switch, best of five rounds, and the switches counted.
 *
 * <p>On one carrier every rendezvous needs one of its two parties parked: the other party can
 * only run while its partner does not, and a partner in the middle of a send or receive that does
 * not run is parked. One park serves one rendezvous, so a pipeline with two unbuffered hops pays at
 * least two switches per element. Multiplied by the figure this prints, that bounds the seed
 * pipeline's items/s (docs/performance.md, "Why unbuffered stays below 2×").
 *
 * <pre>
 * java -Djdk.virtualThreadScheduler.parallelism=1 bench/VirtualThreadSwitch.java [TURNS]   # default 4000000
 * </pre>
 */
public final class VirtualThreadSwitch {
    private static volatile int turn;

    public static void main(String[] args) throws InterruptedException {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 4_000_000;
        for (boolean park : new boolean[] {true, false}) {
            double best = Double.MAX_VALUE;
            long switches = 0;
            for (int round = 0; round < 5; round++) {
                turn = 0;
                Player first = new Player(0, turns, park);
                Player second = new Player(1, turns, park);
                first.partner = second.thread;
                second.partner = first.thread;
                long start = System.nanoTime();
                first.thread.start();
                second.thread.start();
                first.thread.join();
                second.thread.join();
                switches = first.switches + second.switches;
                best = Math.min(best, (double) (System.nanoTime() - start) / switches);
            }
            System.out.printf(
                    "%s carriers=%s switches=%d ns per switch=%.0f%n",
                    park ? "park/unpark" : "yield",
                    System.getProperty(
                            "jdk.virtualThreadScheduler.parallelism",
                            Integer.toString(Runtime.getRuntime().availableProcessors())),
                    switches,
                    best);
        }
    }

    /** One of the two turn-takers; {@code partner} is set before its thread starts. */
    private static final class Player implements Runnable {
        final int me;
        final int turns;
        final boolean park;
        final Thread thread;
        volatile Thread partner;
        long switches;

        Player(int me, int turns, boolean park) {
            this.me = me;
            this.turns = turns;
            this.park = park;
            this.thread = Thread.ofVirtual().name("player-" + me).unstarted(this);
        }

        @Override
        public void run() {
            Thread other = partner;
            for (int i = 0; i < turns; i++) {
                while (turn != me) {
                    switches++;
                    if (park) {
                        LockSupport.park();
                    } else {
                        Thread.yield();
                    }
                }
                turn = 1 - me;
                if (park) {
                    LockSupport.unpark(other);
                }
            }
        }
    }
}
