package io.github.stagehand.benchmarks.peers;

import io.github.stagehand.benchmarks.Seed;
import io.github.stagehand.benchmarks.SeedPipeline;
import io.reactivex.rxjava3.core.Flowable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import reactor.core.publisher.Flux;

/**
 * The seed pipeline (gen {@code 0..n-1} -> sq (2 workers) -> merge -> sum) written with each peer,
 * every one squaring with {@link Seed#sq} on two workers and summing on one thread; the sum wraps
 * as an {@code int} does. Each variant is one whole run, {@code int apply(int n)}; {@link Peers}
 * times them and checks each sum against {@link #loop}'s.
 *
 * <pre>{@code
 * try (SeedPeers peers = new SeedPeers(2_000_000)) {
 *     int sum = peers.rxjava(2_000_000);
 * }
 * }</pre>
 */
final class SeedPeers implements Workload {
    /** Workers of {@code sq}, as its {@code @Stage(workers = 2)} says. */
    static final int WORKERS = 2;

    /** Stagehand's buffers, the figure docs/performance.md quotes for the seed pipeline. */
    static final int BUFFER = 64;

    private final int n;
    private Pekko pekko;

    SeedPeers(int n) {
        this.n = n;
    }

    @Override
    public Map<String, Run> variants() {
        Map<String, Run> variants = new LinkedHashMap<>();
        variants.put("stagehand", () -> stagehand(n));
        variants.put("loop", () -> loop(n));
        variants.put("reactor", () -> reactor(n));
        variants.put("rxjava", () -> rxjava(n));
        variants.put("pekko", () -> pekko(n));
        variants.put("parallel", () -> parallel(n));
        if (MapConcurrent.AVAILABLE) {
            variants.put("gatherer", () -> gatherer(n));
        }
        return variants;
    }

    @Override
    public long items() {
        return n;
    }

    /**
     * {@code SeedPipeline} with buffers of {@value #BUFFER}, consumed on a virtual thread as the
     * project's own seed benchmarks consume it (Go's main is a goroutine).
     */
    static int stagehand(int n) throws InterruptedException {
        int[] sum = new int[1];
        Thread consumer =
                Thread.ofVirtual()
                        .name("peers-seed")
                        .start(
                                () -> {
                                    try (var squares =
                                            SeedPipeline.builder()
                                                    .genBuffer(BUFFER)
                                                    .sqBuffer(BUFFER)
                                                    .start(n)) {
                                        for (int square : squares) {
                                            sum[0] += square;
                                        }
                                    }
                                });
        consumer.join();
        return sum[0];
    }

    /** The same squares and sum in one loop on the calling thread. */
    static int loop(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Seed.sq(i);
        }
        return sum;
    }

    /** Reactor: {@code parallel(2).runOn(Schedulers.parallel())} around {@code sq}. */
    static int reactor(int n) {
        return Flux.range(0, n)
                .parallel(WORKERS)
                .runOn(reactor.core.scheduler.Schedulers.parallel())
                .map(Seed::sq)
                .sequential()
                .reduce(0, Integer::sum)
                .block();
    }

    /** RxJava: {@code parallel(2).runOn(Schedulers.computation())} around {@code sq}. */
    static int rxjava(int n) {
        return Flowable.range(0, n)
                .parallel(WORKERS)
                .runOn(io.reactivex.rxjava3.schedulers.Schedulers.computation())
                .map(Seed::sq)
                .sequential()
                .reduce(0, Integer::sum)
                .blockingGet();
    }

    /** Pekko Streams: two {@code sq} workers between a balance and a merge ({@link Pekko}). */
    int pekko(int n) {
        if (pekko == null) {
            pekko = new Pekko();
        }
        return Source.range(0, n - 1) // both ends included
                .via(Pekko.workers(WORKERS, Seed::sq))
                .runWith(Sink.fold(0, Integer::sum), pekko.system())
                .toCompletableFuture()
                .join();
    }

    /** A parallel {@code IntStream}: the common pool splits the range, no boxing. */
    static int parallel(int n) {
        return IntStream.range(0, n).parallel().map(Seed::sq).sum();
    }

    /** The JDK's gatherer: {@code sq} on up to two virtual threads at a time, in order. */
    static int gatherer(int n) {
        return MapConcurrent.of(IntStream.range(0, n).boxed(), WORKERS, Seed::sq)
                .mapToInt(Integer::intValue)
                .sum();
    }

    /** Stops the actor system if the Pekko variant started it. */
    @Override
    public void close() {
        if (pekko != null) {
            pekko.close();
        }
    }
}
