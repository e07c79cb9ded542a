package io.github.stagehand.benchmarks.peers;

import io.github.stagehand.example.Logs;
import io.github.stagehand.example.LogsPipeline;
import io.reactivex.rxjava3.core.Flowable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;
import reactor.core.publisher.Flux;

/**
 * The log analyzer ({@link Logs}: read -> parse (4 workers) -> explode -> count) written with each
 * peer, every one over the same methods: {@link #lines} reads as {@link Logs#read} does (a UTF-8
 * {@code BufferedReader}, line by line, file after file), {@link Logs#parse} runs four ways in
 * parallel, and {@link Logs#explode} feeds one {@code HashMap} of counts on one thread, as the
 * pipeline's single {@code explode} and {@code count} do. Each variant is one whole run, {@code
 * Map<String, Long> apply(List<Path>)}; {@link Peers} times them and checks each result against
 * {@link Logs#loop}'s.
 *
 * <pre>{@code
 * try (LogsPeers peers = new LogsPeers()) {
 *     Map<String, Long> counts = peers.reactor(List.of(Path.of("app.log")));
 * }
 * }</pre>
 */
final class LogsPeers implements Workload {
    /** Workers of {@code parse}, as its {@code @Stage(workers = 4)} says. */
    static final int WORKERS = 4;

    private final List<Path> files;
    private Pekko pekko;

    LogsPeers(List<Path> files) {
        this.files = List.copyOf(files);
    }

    @Override
    public Map<String, Run> variants() {
        Map<String, Run> variants = new LinkedHashMap<>();
        variants.put("stagehand", () -> LogsPipeline.run(files));
        variants.put("loop", () -> Logs.loop(files));
        variants.put("reactor", () -> reactor(files));
        variants.put("rxjava", () -> rxjava(files));
        variants.put("pekko", () -> pekko(files));
        variants.put("parallel", () -> Logs.parallel(files));
        if (MapConcurrent.AVAILABLE) {
            variants.put("gatherer", () -> gatherer(files));
        }
        return variants;
    }

    @Override
    public long items() {
        return 0;
    }

    /** Reactor: {@code parallel(4).runOn(Schedulers.parallel())} around {@code parse}. */
    Map<String, Long> reactor(List<Path> files) {
        return Flux.fromIterable(files)
                .concatMap(file -> Flux.fromStream(() -> lines(file)))
                .parallel(WORKERS)
                .runOn(reactor.core.scheduler.Schedulers.parallel())
                .map(Logs::parse)
                .sequential()
                .collect(HashMap<String, Long>::new, LogsPeers::count)
                .block();
    }

    /** RxJava: {@code parallel(4).runOn(Schedulers.computation())} around {@code parse}. */
    Map<String, Long> rxjava(List<Path> files) {
        return Flowable.fromIterable(files)
                .concatMap(file -> Flowable.defer(() -> Flowable.fromStream(lines(file))))
                .parallel(WORKERS)
                .runOn(io.reactivex.rxjava3.schedulers.Schedulers.computation())
                .map(Logs::parse)
                .sequential()
                .collect(HashMap<String, Long>::new, LogsPeers::count)
                .blockingGet();
    }

    /** Pekko Streams: four {@code parse} workers between a balance and a merge ({@link Pekko}). */
    Map<String, Long> pekko(List<Path> files) {
        if (pekko == null) {
            pekko = new Pekko();
        }
        return Source.from(files)
                .flatMapConcat(file -> StreamConverters.fromJavaStream(() -> lines(file)))
                .via(Pekko.workers(WORKERS, Logs::parse))
                .runWith(
                        Sink.<Map<String, Long>, Logs.Entry>fold(
                                new HashMap<>(),
                                (counts, entry) -> {
                                    count(counts, entry);
                                    return counts;
                                }),
                        pekko.system())
                .toCompletableFuture()
                .join();
    }

    /**
     * The JDK's gatherer: a sequential stream whose {@code parse} runs on up to four virtual
     * threads at a time, in order ({@code Gatherers.mapConcurrent}).
     */
    Map<String, Long> gatherer(List<Path> files) {
        return MapConcurrent.of(files.stream().flatMap(LogsPeers::lines), WORKERS, Logs::parse)
                .collect(
                        HashMap::new,
                        LogsPeers::count,
                        (a, b) -> b.forEach((key, n) -> a.merge(key, n, Long::sum)));
    }

    /**
     * The lines of {@code file}, read as {@link Logs#read} reads them, for the peers that pull
     * their input; closing the stream closes the file.
     */
    static Stream<String> lines(Path file) {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return reader.lines()
                .onClose(
                        () -> {
                            try {
                                reader.close();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
    }

    /** {@code explode} into {@code count}: the keys of {@code entry} counted in {@code counts}. */
    static void count(Map<String, Long> counts, Logs.Entry entry) {
        Logs.explode(entry, key -> counts.merge(key, 1L, Long::sum));
    }

    /** Stops the actor system if the Pekko variant started it. */
    @Override
    public void close() {
        if (pekko != null) {
            pekko.close();
        }
    }
}
