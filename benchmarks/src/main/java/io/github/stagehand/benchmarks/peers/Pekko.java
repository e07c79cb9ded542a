package io.github.stagehand.benchmarks.peers;

import com.typesafe.config.ConfigFactory;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.UniformFanInShape;
import org.apache.pekko.stream.UniformFanOutShape;
import org.apache.pekko.stream.javadsl.Balance;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.GraphDSL;
import org.apache.pekko.stream.javadsl.Merge;

/**
 * The actor system the Pekko Streams peers materialize their streams in, one per JVM, and the stage
 * they share: a function run by several workers, each behind its own asynchronous boundary, fed by
 * a {@code Balance} and joined by a {@code Merge} (Pekko's cookbook pattern for a fixed pool of
 * workers, the counterpart of a Stagehand stage with {@code workers = N}).
 *
 * <pre>{@code
 * try (Pekko pekko = new Pekko()) {
 *     int sum = Source.range(0, 9).via(Pekko.workers(2, x -> x * x))
 *             .runWith(Sink.fold(0, Integer::sum), pekko.system())
 *             .toCompletableFuture().join();
 * }
 * }</pre>
 *
 * <p>{@code workers} rather than {@code mapAsync}: {@code mapAsync(4, ...)} needs a future per
 * element, and the work per element here (a split of one line, a multiplication) is far smaller
 * than a future's hand-off to an executor and back.
 */
final class Pekko implements AutoCloseable {
    private final ActorSystem system;

    /** Starts an actor system that logs only warnings and errors. */
    Pekko() {
        system =
                ActorSystem.create(
                        "peers",
                        ConfigFactory.parseString(
                                        "pekko.loglevel = WARNING\n"
                                                + "pekko.stdout-loglevel = WARNING\n")
                                .withFallback(ConfigFactory.load()));
    }

    ActorSystem system() {
        return system;
    }

    /**
     * {@code f} on {@code workers} workers, each its own asynchronous island; the outputs come in
     * the order the workers finish them.
     */
    static <A, B> Flow<A, B, NotUsed> workers(int workers, Function<A, B> f) {
        return Flow.fromGraph(
                GraphDSL.create(
                        b -> {
                            UniformFanOutShape<A, A> balance = b.add(Balance.<A>create(workers));
                            UniformFanInShape<B, B> merge = b.add(Merge.<B>create(workers));
                            for (int w = 0; w < workers; w++) {
                                var worker = b.add(Flow.<A>create().map(f::apply).async());
                                b.from(balance.out(w)).via(worker).toInlet(merge.in(w));
                            }
                            return FlowShape.of(balance.in(), merge.out());
                        }));
    }

    /** Terminates the actor system and waits until it has. */
    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
