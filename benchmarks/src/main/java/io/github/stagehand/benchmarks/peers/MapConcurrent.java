package io.github.stagehand.benchmarks.peers;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code stream.gather(Gatherers.mapConcurrent(n, f))}, the JDK 24+ API, reached through method
 * handles so that the benchmarks still build for release 21 with the project's JDK 21 toolchain; on
 * an older JDK the peer is skipped ({@link #AVAILABLE}).
 */
final class MapConcurrent {
    /** Whether the running JDK has {@code Stream.gather} and {@code Gatherers.mapConcurrent}. */
    static final boolean AVAILABLE;

    private static final MethodHandle GATHER;
    private static final MethodHandle MAP_CONCURRENT;

    static {
        MethodHandle gather = null;
        MethodHandle mapConcurrent = null;
        try {
            Class<?> gatherer = Class.forName("java.util.stream.Gatherer");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            gather =
                    lookup.findVirtual(
                            Stream.class, "gather", MethodType.methodType(Stream.class, gatherer));
            mapConcurrent =
                    lookup.findStatic(
                            Class.forName("java.util.stream.Gatherers"),
                            "mapConcurrent",
                            MethodType.methodType(gatherer, int.class, Function.class));
        } catch (ReflectiveOperationException olderJdk) {
            // left null: AVAILABLE says so
        }
        GATHER = gather;
        MAP_CONCURRENT = mapConcurrent;
        AVAILABLE = gather != null;
    }

    private MapConcurrent() {}

    /** {@code in.gather(Gatherers.mapConcurrent(concurrency, mapper))}. */
    @SuppressWarnings("unchecked")
    static <T, R> Stream<R> of(
            Stream<T> in, int concurrency, Function<? super T, ? extends R> mapper) {
        if (!AVAILABLE) {
            throw new UnsupportedOperationException(
                    "Gatherers.mapConcurrent needs JDK 24 or later");
        }
        try {
            Object gatherer = MAP_CONCURRENT.invoke(concurrency, mapper);
            return (Stream<R>) GATHER.invoke(in, gatherer);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
