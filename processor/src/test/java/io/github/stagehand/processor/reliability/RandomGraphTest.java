package io.github.stagehand.processor.reliability;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Random pipeline graphs ({@link GraphShape}: ports, tees, merges, several sinks, sinks that stop
 * early), compiled by the processor under {@code -Xlint:all -Werror} and run, with one injected
 * failure now and then. After every run:
 *
 * <ul>
 *   <li>no stage thread is alive;
 *   <li>a run that returned delivered, to every sink that takes its whole input, exactly the
 *       multiset the model computes, and to a sink that stops after k elements, k of them (or all,
 *       if fewer), each one it was due;
 *   <li>a failure injected while {@code done} was open is what {@code run} throws, as itself; a run
 *       that threw, threw the injected failure, or, under a deadline, a {@code
 *       CancellationException} caused by a {@code TimeoutException}.
 * </ul>
 */
@Tag("stress")
class RandomGraphTest {
    private record Compiled(GraphShape shape, Method builder) {}

    private static final List<Compiled> POOL = new ArrayList<>();
    private static final Map<String, AtomicLong> FIGURES = new HashMap<>();

    @BeforeAll
    static void compilePool() throws Exception {
        Random random = new Random(Budget.seed());
        int size = Budget.of("graphs", 24, 160);
        for (int first = 0; first < size; first += 12) {
            List<GraphShape> shapes = new ArrayList<>();
            Map<String, String> sources = new LinkedHashMap<>();
            for (int i = first; i < Math.min(size, first + 12); i++) {
                GraphShape shape = GraphShape.random(random, "G" + i);
                shapes.add(shape);
                sources.put(shape.fileName(), shape.source());
            }
            Compilation compilation = InMemoryJavac.compile(sources, "-Xlint:all", "-Werror");
            if (compilation.status() != Compilation.Status.SUCCESS
                    || !compilation.diagnostics().isEmpty()) {
                throw new AssertionError(
                        "seed "
                                + Budget.seed()
                                + ": random graphs did not compile cleanly: "
                                + compilation.diagnostics()
                                + "\n"
                                + String.join("\n", sources.values()));
            }
            ClassLoader loader = InMemoryJavac.load(compilation);
            for (GraphShape shape : shapes) {
                Class<?> pipeline = Class.forName(shape.pipelineName(), true, loader);
                POOL.add(new Compiled(shape, pipeline.getMethod("builder")));
            }
        }
    }

    @AfterAll
    static void report() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seed", Budget.seed());
        figures.put("graphs.compiled", POOL.size());
        figures.put("graphs.stages", POOL.stream().mapToInt(c -> c.shape().nodes().size()).sum());
        new TreeMap<>(FIGURES).forEach((key, value) -> figures.put(key, value.get()));
        Budget.report("random-graphs", figures);
    }

    @Test
    void everyGraphRunDeliversEachConsumerItsShareAndLeavesNoThread() {
        Tries.run(
                "random graphs",
                Budget.of("graphTries", 150, 10_000),
                (index, random) -> {
                    Compiled compiled = POOL.get(random.nextInt(POOL.size()));
                    try {
                        runOnce(compiled, random);
                    } catch (AssertionError e) {
                        throw new AssertionError(
                                e.getMessage()
                                        + "\n--- the graph ---\n"
                                        + compiled.shape().source(),
                                e);
                    }
                });
    }

    private static void runOnce(Compiled compiled, Random random) throws Exception {
        GraphShape shape = compiled.shape();
        long count = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(400);
        boolean inject = random.nextInt(3) == 0;
        GraphProbe probe =
                new GraphProbe(
                        inject ? 1 + random.nextInt(shape.nodes().size() - 1) : -1,
                        1 + random.nextInt(Math.max(1, (int) count)),
                        shape.waitedFor());
        GraphProbe.install(probe);
        // now and then a deadline, which may come before the end or after it
        Duration timeout =
                random.nextInt(5) == 0 ? Duration.ofNanos(random.nextInt(2_000_000)) : null;
        Object builder = compiled.builder().invoke(null);
        if (timeout != null) {
            builder.getClass().getMethod("timeout", Duration.class).invoke(builder, timeout);
        }
        Method run = builder.getClass().getMethod("run", long.class);
        AtomicReference<Object> returned = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller =
                Thread.ofPlatform()
                        .start(
                                () -> {
                                    try {
                                        returned.set(run.invoke(builder, count));
                                    } catch (InvocationTargetException e) {
                                        thrown.set(e.getCause());
                                    } catch (ReflectiveOperationException e) {
                                        thrown.set(new AssertionError(e));
                                    }
                                });
        caller.join(30_000);
        if (caller.isAlive()) {
            throw new AssertionError("run did not return within 30 s (hang)");
        }
        if (!probe.alive().isEmpty()) {
            throw new AssertionError("stage threads alive after run returned: " + probe.alive());
        }
        Throwable failure = thrown.get();
        if (failure instanceof CancellationException cancelled && timeout != null) {
            if (!(cancelled.getCause() instanceof TimeoutException)) {
                throw new AssertionError("a deadline cancelled the run with " + cancelled, failure);
            }
            count("runs.deadline", 1);
            return;
        }
        if (failure != null) {
            count("runs.failed", 1);
            if (failure != probe.thrown()) {
                throw new AssertionError("run threw what no stage did: " + failure, failure);
            }
            return;
        }
        if (probe.thrown() != null && probe.thrownWhileOpen()) {
            throw new AssertionError(
                    "a failure thrown while done was open was lost: " + probe.thrown());
        }
        count(probe.thrown() != null ? "runs.failedAfterTheEnd" : "runs.complete", 1);
        Map<String, List<Long>> expected = shape.expected(count);
        for (GraphShape.Node sink : shape.sinks()) {
            @SuppressWarnings("unchecked")
            List<Long> got = new ArrayList<>((List<Long>) component(returned.get(), sink.name()));
            got.sort(null);
            List<Long> due = expected.get(sink.name());
            if (sink.stopAfter() < 0) {
                if (!got.equals(due)) {
                    throw new AssertionError(
                            sink.name() + " received " + got + " but was due " + due);
                }
            } else {
                List<Long> left = new ArrayList<>(due);
                for (Long v : got) {
                    if (!left.remove(v)) {
                        throw new AssertionError(
                                sink.name() + " received " + v + " it was not due, or twice");
                    }
                }
                if (got.size() != Math.min(sink.stopAfter(), due.size())) {
                    throw new AssertionError(
                            sink.name()
                                    + " stops after "
                                    + sink.stopAfter()
                                    + " but received "
                                    + got.size()
                                    + " of "
                                    + due.size());
                }
                count("sinks.stoppedEarly", 1);
            }
        }
    }

    /** The sink's value: a {@code Result} component, or the value itself for one sink. */
    private static Object component(Object result, String sink) throws Exception {
        return result.getClass().isRecord()
                ? result.getClass().getMethod(sink).invoke(result)
                : result;
    }

    private static synchronized void count(String figure, long delta) {
        FIGURES.computeIfAbsent(figure, k -> new AtomicLong()).addAndGet(delta);
    }
}
