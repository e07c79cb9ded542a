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
 *
 * <p>Time: {@link #batch()} and {@link #linger()} hand a stage its input in batches, {@link
 * #every()} makes the head a poller, and {@link #rate()} paces a stage. Durations and rates are
 * strings, checked when the pipeline is compiled: a duration is a positive whole number followed at
 * once by a unit, {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} or {@code h} ({@code
 * "500ms"}, {@code "1s"}, {@code "5m"}); a rate is a positive whole number of elements, a slash and
 * a unit, {@code ms}, {@code s}, {@code m} or {@code h} ({@code "100/s"}). Every wait they cause is
 * on the run's clock ({@code done.clock()}) and ends at once when {@code done} closes; the
 * generated builder overrides each of them at run time.
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
     * Whether this stage may run on the thread of the stage after it (fusion). A map or flat stage
     * with one worker, whose only consumer is a stream or sink stage with one worker, runs there by
     * default: the consumer, whenever its input is empty, calls this stage on the next run of
     * inputs itself, so that no element is handed between threads. Nobody can tell the difference
     * but the clock: one call at a time, in the order of the input, with this stage's own failure,
     * and the thread carries this stage's name while its code runs. The stage moves to a thread of
     * its own when its calls take more than a couple of microseconds each, when one run of calls
     * sends more than a few hundred elements, when another thread sends on its {@code Out}, or when
     * the run keeps statistics ({@code docs/adr/0023-fusion.md}). {@code false} keeps it on a
     * thread of its own from the start: for a stage whose calls are short but that should still
     * overlap with the stage after it.
     */
    boolean fuse() default true;

    /**
     * The outputs this stage consumes, by name: a stage's name for its one output, or {@code
     * "stage.port"} for the output of its {@code Out} parameter named {@code port} when it has
     * several. Empty, the default, means the previous stage in declaration order, so a class whose
     * stages name no {@code from} is a chain. Only stages declared earlier may be named. Several
     * names are merged into this stage's one input; an output that several stages name is broadcast
     * to each of them (a tee).
     */
    String[] from() default {};

    /**
     * Hands this stage its input in batches of up to {@code batch} elements: the stage's value
     * parameter is a {@code List<T>} where the stage before it emits {@code T}. 0, the default,
     * means no batches. A batch stage has one of three shapes:
     *
     * <ul>
     *   <li>{@code R f(List<T> batch)}: a map over batches, one result per batch;
     *   <li>{@code void f(List<T> batch, Out<R> out)}: a flat stage over batches, zero or more
     *       results per batch;
     *   <li>{@code void f(List<T> batch)}: a batch sink, called once per batch for its effects (its
     *       branch ends there, and a pipeline of such sinks gets a {@code void run(...)}). A batch
     *       stage that returns a value is always a map, whose results flow on: to consume batches
     *       at the end of a pipeline, make the stage void.
     * </ul>
     *
     * <pre>{@code
     * @Stage(batch = 500, linger = "1s")           // Kafka producer's batch.size and linger.ms
     * static void ship(List<Event> batch) { kafka.send(batch); }
     * }</pre>
     *
     * <p>Each call gets 1 to {@code batch} elements in the order its worker received them, in a new
     * list that is the stage's to keep. A batch is handed over when it is full, when {@link
     * #linger()} has passed since its worker took its first element, or when the input ends (the
     * last batch is partial; a batch is never empty). Without {@code linger} a batch is handed over
     * only when it is full or the input has ended. With several {@code workers}, each builds its
     * own batches. A worker holds at most {@code batch} elements beyond the channels' buffers. When
     * the run fails or is cancelled, the batch a worker is building is dropped (the statistics
     * count its elements). A batch stage cannot be {@code ordered}. The generated builder overrides
     * it with {@code <stage>Batch(int)}; must not be negative.
     */
    int batch() default 0;

    /**
     * How long a batch may wait for more elements once its worker took its first one: a duration
     * such as {@code "1s"} or {@code "50ms"} (see the class comment). When it has passed, the batch
     * is handed over as it is; no element waits longer than this for its batch to be handed over,
     * besides the time it spent in the channel while the worker was busy. Empty, the default, means
     * no linger: a batch waits to be full or for the end of the input. Only with {@link #batch()}.
     * The generated builder overrides it with {@code <stage>Linger(Duration)}, where {@link
     * java.time.Duration#ZERO} means no linger. It costs nothing per element: the clock is read
     * once when a batch begins, and again only when the worker has to wait for input.
     */
    String linger() default "";

    /**
     * Makes the head a poller: the generated code calls it once when the run starts, then once per
     * period, until {@code done} closes. A duration such as {@code "5s"} (see the class comment). A
     * poller takes its {@code Out} as any head does and sends what each call finds, or returns its
     * value instead, one element per call: {@code R poll(args...)}.
     *
     * <pre>{@code
     * @Stage(every = "5s")
     * static Status poll(URI endpoint) { return fetch(endpoint); }
     * }</pre>
     *
     * <p>Calls begin on the ticks of a schedule, {@code start + k * every}. A call that overruns
     * its period (or waits to send, because downstream is slow) skips the ticks that passed
     * meanwhile, as Go's {@code time.Ticker} drops them; the next call begins at the next tick
     * still to come: at most one call per tick, never a burst of calls to catch up. The statistics
     * count the skipped ticks.
     *
     * <p>A poller ends when {@code done} closes: the owner closes the output, a sink returns, a
     * deadline passes. A poller that returns its value ends the stream itself by returning {@code
     * null}, as {@code In.receive()} ends it with {@code null}; its stages downstream then finish
     * what they hold. One that takes an {@code Out} sends nothing on a tick that has nothing new.
     * Only on the head. The generated builder overrides it with {@code <stage>Every(Duration)}.
     */
    String every() default "";

    /**
     * Limits this stage to a rate: its workers together begin at most this many calls per unit,
     * such as {@code "100/s"} (see the class comment). A call of a map or flat stage begins one
     * element; a call of a batch stage begins one batch, so that a rate caps the requests a stage
     * makes of a service, whatever their size. A stream or sink stage, which takes an {@code In},
     * begins an element when it receives one: each element its {@code In} returns has waited for
     * its turn. Not on the head (a poller paces itself with {@link #every()}, another head with
     * {@code Done.sleep}).
     *
     * <p>The n-th call (from 0) begins no earlier than {@code start + n / rate}, where {@code
     * start} is when the first call asked: a burst of one, so that by any time {@code t} after
     * {@code start} no more than {@code 1 + rate * t} calls have begun, and a stage that starts
     * with a full input spaces its calls evenly from the first. The schedule is kept in whole and
     * fractional nanoseconds, so that over a long run the rate is the one asked for, at one an hour
     * as at a million a second. A call that asks after its turn has come begins at once: a worker
     * that woke late or was held up is caught up by the calls after it, so that the average holds
     * (every sleep wakes a little late). A stage that fell behind its schedule by more than the
     * longer of one period and 100 ms (its input ran dry, say) starts a new schedule at that call
     * instead of catching up in a burst. The statistics count the time spent waiting. The generated
     * builder overrides it with {@code <stage>Rate(long elements, Duration per)}.
     */
    String rate() default "";
}
