package io.github.stagehand.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as one stage of a pipeline. Stagehand's annotation processor chains the
 * {@code @Stage} methods of a class in declaration order and generates {@code <Owner>Pipeline},
 * which runs every stage worker on its own virtual thread, connects neighbours with channels and
 * threads one {@code done} signal through every send and receive.
 *
 * <pre>{@code
 * public final class Squares {
 *     @Stage                                   // head: its parameters become start(...)'s
 *     static void gen(Out<Integer> out, int... nums) {
 *         for (int n : nums) out.send(n);
 *     }
 *
 *     @Stage(workers = 2)                      // fan-out over two workers, merged
 *     static int sq(int n) { return n * n; }
 * }
 *
 * try (var out = SquaresPipeline.start(2, 3)) {
 *     System.out.println(out.receive());       // 4 or 9
 * }                                            // done closed, every stage thread ended
 * }</pre>
 *
 * <p>The shape of a stage follows from its signature: a head takes {@code Out<R>} and any other
 * parameters; a map is {@code R f(T)}; a flat stage is {@code void f(T, Out<R>)}; a stream stage is
 * {@code void f(In<T>, Out<R>)}; a sink is {@code R f(In<T>)} or {@code void f(In<T>)}. Head, flat
 * and stream stages may take several {@code Out}s, one output (port) each, which later stages name
 * in {@link #from()}. Any stage may also take a {@code Done}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Stage {

    /**
     * How many workers run this stage, all reading the same inbound channel (fan-out) and writing
     * one outbound channel that the last worker to end closes (merge). The generated builder can
     * override it at run time. Must be at least 1; only map, flat and stream stages may have more
     * than one.
     */
    int workers() default 1;

    /**
     * Capacity of this stage's outbound channel: {@code n} is Go's {@code make(chan T, n)}, and 0
     * is Go's unbuffered channel (a send waits for its receiver). The default, 256, lets stages
     * that do little per element hand elements on in runs instead of one rendezvous each (see
     * {@code docs/adr/0013-runs-and-a-buffered-default.md}); give stages whose elements are large
     * (whole files, big arrays) a small buffer, since up to this many of them wait in the channel.
     * The generated builder can override it at run time. Must not be negative.
     */
    int buffer() default 256;

    /**
     * Whether a stage with several workers keeps its input order at its output. Memory stays
     * bounded by workers + buffer: a worker that finished early waits for its turn. Applies to map
     * and flat stages.
     */
    boolean ordered() default false;

    /**
     * The outputs this stage consumes, by name: a stage's name for its one output, or {@code
     * "stage.port"} for the output of its {@code Out} parameter named {@code port} when it has
     * several. Empty, the default, means the previous stage in declaration order, so a class whose
     * stages name no {@code from} is a chain. Only stages declared earlier may be named. Several
     * names are merged into this stage's one input; an output that several stages name is broadcast
     * to each of them (a tee).
     */
    String[] from() default {};
}
