package io.github.stagehand.processor.reliability;

import com.google.testing.compile.Compilation;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineOutput;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Randomized pipelines, generated as source, compiled by the processor in process and run under
 * random events: a complete run, an early exit after k elements, failures injected in random stages
 * at random elements (checked, unchecked, {@code Error}), a caller interrupt, a deadline, a parent
 * {@code Done} closing. After every run it checks DESIGN.md's contract:
 *
 * <ul>
 *   <li>no thread that ran stage code is alive once {@code run()}/{@code close()} has returned;
 *   <li>a complete run delivers exactly the expected multiset, and the expected order when every
 *       stage keeps order; no run ever delivers an element that was not expected or twice;
 *   <li>a failure surfaces as the very instance a stage threw first, with every later injected
 *       failure suppressed on it (ADR 0003); a cancellation surfaces as a {@code
 *       CancellationException} whose cause names it;
 *   <li>every run, however cancelled, returns within a generous hang guard;
 *   <li>stage threads are named {@code <Pipeline>.<stage>#<worker>} and every stage sees one {@code
 *       done}.
 * </ul>
 *
 * <p>Compiling is the slow part, so a pool of shapes (from the run's seed) is compiled once, in a
 * few javac runs with {@code -Xlint:all -Werror}, and each try picks one and randomizes what can be
 * chosen at run time: workers, buffers, the element count and the events. A failing try prints the
 * seed, the plan, the owner's source and the generated pipeline. Shrinking is off: a failure that
 * depends on a schedule does not shrink reliably.
 */
@Tag("stress")
class RandomPipelineTest {
    /** Only a hang guard: a passing run never comes close to it. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private static final List<Compiled> POOL = new ArrayList<>();
    private static final Map<String, AtomicLong> FIGURES = new LinkedHashMap<>();
    private static long maxCloseNanos;
    private static long maxCancelNanos;
    private static long compileNanos;

    /** One compiled shape, ready to run. */
    private record Compiled(
            PipelineShape shape,
            String source,
            String generated,
            Class<?> owner,
            Class<?> pipeline) {}

    /** What happens during a run, besides the injected failures. */
    enum Event {
        COMPLETE,
        EARLY_EXIT,
        INTERRUPT,
        DEADLINE,
        PARENT
    }

    /**
     * One try.
     *
     * @param workers per stage: the workers to set through the builder, 0 for the {@code @Stage}
     *     default
     * @param buffers per stage: the buffer to set, -1 for the default
     * @param earlyExitAfter for {@link Event#EARLY_EXIT}: how many elements the consumer takes
     * @param delayMicros for interrupt and parent: how long after the start; negative: before it
     * @param deadlineMillis for {@link Event#DEADLINE}
     * @param parentCause for {@link Event#PARENT}: whether the parent closes with a cause
     */
    record RunPlan(
            int pipeline,
            long count,
            int[] workers,
            int[] buffers,
            Event event,
            int earlyExitAfter,
            List<Probe.Failure> failures,
            int delayMicros,
            int deadlineMillis,
            boolean parentCause,
            int pauseEvery,
            int consumerPauseEvery) {

        /** A random plan for {@code shape}, pipeline number {@code pipeline} of the pool. */
        static RunPlan random(Random random, int pipeline, PipelineShape shape) {
            int stages = shape.stages().size();
            int[] workers = new int[stages];
            int[] buffers = new int[stages];
            for (int i = 0; i < stages; i++) {
                workers[i] = random.nextInt(9); // 0: keep the @Stage value
                buffers[i] = random.nextInt(66) - 1; // -1: keep the @Stage value
            }
            int size = random.nextInt(10);
            long count =
                    size == 0
                            ? random.nextInt(4)
                            : size < 7 ? random.nextInt(61) : 60 + random.nextInt(341);
            Event event = pick(random, new int[] {3, 2, 1, 1, 1}, Event.values());
            int failureCount = pick(random, new int[] {5, 4, 1}, new Integer[] {0, 1, 2});
            List<Probe.Failure> failures = new ArrayList<>();
            for (int i = 0; i < failureCount; i++) {
                int ordinal = random.nextInt(3) < 2 ? random.nextInt(4) : random.nextInt(201);
                failures.add(
                        new Probe.Failure(
                                random.nextInt(stages),
                                ordinal,
                                Probe.Kind.values()[random.nextInt(Probe.Kind.values().length)]));
            }
            return new RunPlan(
                    pipeline,
                    count,
                    workers,
                    buffers,
                    event,
                    1 + random.nextInt(40),
                    List.copyOf(failures),
                    random.nextInt(5) == 0 ? -1 : random.nextInt(3_001),
                    random.nextInt(16),
                    random.nextBoolean(),
                    random.nextInt(4) == 0 ? 1 + random.nextInt(16) : 0,
                    random.nextInt(4) == 0 ? 1 + random.nextInt(16) : 0);
        }

        private static <T> T pick(Random random, int[] weights, T[] values) {
            int total = Arrays.stream(weights).sum();
            int r = random.nextInt(total);
            for (int i = 0; i < weights.length; i++) {
                r -= weights[i];
                if (r < 0) {
                    return values[i];
                }
            }
            throw new AssertionError();
        }

        @Override
        public String toString() {
            return "RunPlan[pipeline="
                    + pipeline
                    + ", count="
                    + count
                    + ", workers="
                    + Arrays.toString(workers)
                    + ", buffers="
                    + Arrays.toString(buffers)
                    + ", event="
                    + event
                    + ", earlyExitAfter="
                    + earlyExitAfter
                    + ", failures="
                    + failures
                    + ", delayMicros="
                    + delayMicros
                    + ", deadlineMillis="
                    + deadlineMillis
                    + ", parentCause="
                    + parentCause
                    + ", pauseEvery="
                    + pauseEvery
                    + ", consumerPauseEvery="
                    + consumerPauseEvery
                    + "]";
        }
    }

    /** What a run did, as seen from the caller's thread. */
    private static final class Outcome {
        final Probe probe;
        final List<Long> received = new ArrayList<>();
        Throwable thrown;

        /** What receive() threw, if the stream ended by throwing. */
        Throwable streamThrown;

        /** Whether the stream ended by receive() returning null. */
        boolean streamEndedQuietly;

        Object value;
        Done done;
        List<Thread> aliveAtReturn = List.of();
        boolean interruptedAtReturn;
        long closeNanos = -1;
        long returnedAt;
        long cancelledAt = -1;
        Throwable harnessError;

        Outcome(Probe probe) {
            this.probe = probe;
        }
    }

    @BeforeAll
    static void compilePool() {
        long seed = Budget.seed();
        int size = Budget.of("pipelines", 24, 160);
        int batch = 12;
        Random random = new Random(seed);
        long start = System.nanoTime();
        for (int first = 0; first < size; first += batch) {
            List<PipelineShape> shapes = new ArrayList<>();
            Map<String, String> sources = new LinkedHashMap<>();
            for (int i = first; i < Math.min(size, first + batch); i++) {
                PipelineShape shape = PipelineShape.random(random, "P" + i, 8);
                shapes.add(shape);
                sources.put(shape.fileName(), shape.source());
            }
            Compilation compilation = InMemoryJavac.compile(sources, "-Xlint:all", "-Werror");
            if (compilation.status() != Compilation.Status.SUCCESS
                    || !compilation.diagnostics().isEmpty()) {
                throw new AssertionError(
                        "seed "
                                + seed
                                + ": the random pipelines did not compile cleanly with"
                                + " -Xlint:all -Werror:\n"
                                + describe(compilation.diagnostics())
                                + "\n"
                                + String.join("\n", sources.values())
                                + generatedSources(compilation, shapes));
            }
            ClassLoader loader = InMemoryJavac.load(compilation);
            for (PipelineShape shape : shapes) {
                try {
                    POOL.add(
                            new Compiled(
                                    shape,
                                    shape.source(),
                                    InMemoryJavac.generatedSource(
                                            compilation, shape.pipelineName()),
                                    Class.forName(shape.ownerBinaryName(), true, loader),
                                    Class.forName(shape.pipelineName(), true, loader)));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError("seed " + seed + ": " + e, e);
                }
            }
        }
        compileNanos = System.nanoTime() - start;
    }

    @AfterAll
    static void report() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seed", Budget.seed());
        figures.put("pipelines.compiled", POOL.size());
        figures.put(
                "pipelines.stages", POOL.stream().mapToInt(c -> c.shape().stages().size()).sum());
        figures.put("compile.millis", compileNanos / 1_000_000);
        new TreeMap<>(FIGURES).forEach((key, value) -> figures.put(key, value.get()));
        figures.put("close.max.micros", maxCloseNanos / 1_000);
        figures.put("cancel.to.return.max.micros", maxCancelNanos / 1_000);
        Budget.report("random-pipelines", figures);
    }

    private static void count(String figure, long delta) {
        FIGURES.computeIfAbsent(figure, k -> new AtomicLong()).addAndGet(delta);
    }

    // ---- the property --------------------------------------------------------------------------

    @Test
    void everyRunEndsWithoutLeakLossOrWrongFailure() {
        Tries.run(
                "random pipelines",
                Budget.of("tries", 250, 20_000),
                (index, random) -> {
                    int pipeline = random.nextInt(POOL.size());
                    Compiled compiled = POOL.get(pipeline);
                    RunPlan plan = RunPlan.random(random, pipeline, compiled.shape());
                    Outcome outcome = execute(compiled, plan);
                    try {
                        check(compiled, plan, outcome);
                    } catch (AssertionError e) {
                        throw new AssertionError(
                                e.getMessage()
                                        + "\n"
                                        + plan
                                        + "\noutcome: "
                                        + (outcome.thrown == null
                                                ? "returned"
                                                : "threw " + outcome.thrown)
                                        + ", received "
                                        + outcome.received.size()
                                        + " "
                                        + abbreviate(outcome.received)
                                        + "\n\n--- "
                                        + compiled.shape().fileName()
                                        + " ---\n"
                                        + compiled.source()
                                        + "\n--- "
                                        + compiled.shape().pipelineName()
                                        + " ---\n"
                                        + compiled.generated(),
                                e);
                    }
                });
    }

    // ---- running
    // ---------------------------------------------------------------------------------

    private static int[] effectiveWorkers(PipelineShape shape, RunPlan plan) {
        int[] workers = new int[shape.stages().size()];
        for (int i = 0; i < workers.length; i++) {
            PipelineShape.StageSpec stage = shape.stages().get(i);
            workers[i] =
                    stage.hasWorkersOption() && plan.workers()[i] > 0
                            ? plan.workers()[i]
                            : stage.workers();
        }
        return workers;
    }

    private static Outcome execute(Compiled compiled, RunPlan plan) throws Exception {
        PipelineShape shape = compiled.shape();
        boolean sink = shape.hasSink();
        int sinkStopsAfter = plan.event() == Event.EARLY_EXIT && sink ? plan.earlyExitAfter() : -1;
        Probe probe =
                new Probe(
                        shape.stages().size(), plan.failures(), sinkStopsAfter, plan.pauseEvery());
        Probe.install(probe);
        Object owner = compiled.owner().getConstructor(Probe.class).newInstance(probe);
        Object builder =
                shape.needsOwnerInstance()
                        ? compiled.pipeline()
                                .getMethod("builder", compiled.owner())
                                .invoke(null, owner)
                        : compiled.pipeline().getMethod("builder").invoke(null);
        Class<?> builderType = builder.getClass();
        for (int i = 0; i < shape.stages().size(); i++) {
            PipelineShape.StageSpec stage = shape.stages().get(i);
            if (stage.hasWorkersOption() && plan.workers()[i] > 0) {
                builderType
                        .getMethod(stage.name() + "Workers", int.class)
                        .invoke(builder, plan.workers()[i]);
            }
            if (stage.hasBufferOption() && plan.buffers()[i] >= 0) {
                builderType
                        .getMethod(stage.name() + "Buffer", int.class)
                        .invoke(builder, plan.buffers()[i]);
            }
        }
        Done parent = null;
        RuntimeException parentCause = new IllegalStateException("parent cancelled on purpose");
        if (plan.event() == Event.PARENT) {
            parent = new Done();
            builderType.getMethod("parent", Done.class).invoke(builder, parent);
            if (plan.delayMicros() < 0) {
                close(parent, plan.parentCause() ? parentCause : null);
            }
        }
        if (plan.event() == Event.DEADLINE) {
            builderType
                    .getMethod("timeout", Duration.class)
                    .invoke(builder, Duration.ofMillis(plan.deadlineMillis()));
        }
        Method entry = builderType.getMethod(sink ? "run" : "start", long.class);

        Outcome outcome = new Outcome(probe);
        Thread caller =
                Thread.ofPlatform()
                        .name("caller")
                        .unstarted(
                                () -> {
                                    try {
                                        call(entry, builder, plan, probe, outcome);
                                    } catch (Throwable t) {
                                        outcome.harnessError = t;
                                    }
                                });
        caller.start();
        if (plan.event() == Event.INTERRUPT) {
            pause(plan.delayMicros());
            outcome.cancelledAt = System.nanoTime();
            caller.interrupt();
        } else if (plan.event() == Event.PARENT && plan.delayMicros() >= 0) {
            pause(plan.delayMicros());
            outcome.cancelledAt = System.nanoTime();
            close(parent, plan.parentCause() ? parentCause : null);
        }
        caller.join(HANG_GUARD);
        if (caller.isAlive()) {
            throw new AssertionError(
                    "hang: the run did not end within " + HANG_GUARD + "\n" + threadDump());
        }
        if (outcome.harnessError != null) {
            throw new AssertionError(
                    "the harness failed: " + outcome.harnessError, outcome.harnessError);
        }
        record(plan, outcome);
        return outcome;
    }

    private static void close(Done parent, Throwable cause) {
        if (cause == null) {
            parent.close();
        } else {
            parent.close(cause);
        }
    }

    private static void pause(int micros) {
        if (micros > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(micros * 1_000L);
        }
    }

    /** Runs on the caller's thread: {@code run(count)}, or {@code start(count)}, receive, close. */
    @SuppressWarnings("unchecked")
    private static void call(
            Method entry, Object builder, RunPlan plan, Probe probe, Outcome outcome)
            throws Exception {
        if (entry.getName().equals("run")) {
            try {
                outcome.value = entry.invoke(builder, plan.count());
            } catch (InvocationTargetException e) {
                outcome.thrown = e.getCause();
            }
            outcome.returnedAt = System.nanoTime();
            outcome.aliveAtReturn = alive(probe);
            outcome.interruptedAtReturn = Thread.currentThread().isInterrupted();
            if (outcome.value != null) {
                outcome.received.addAll((List<Long>) outcome.value);
            }
            return;
        }
        PipelineOutput<Long> out;
        try {
            out = (PipelineOutput<Long>) entry.invoke(builder, plan.count());
        } catch (InvocationTargetException e) {
            outcome.thrown = e.getCause();
            return;
        }
        outcome.done = out.done();
        try {
            Long v;
            while (true) {
                v = out.receive();
                if (v == null) {
                    outcome.streamEndedQuietly = true;
                    break;
                }
                outcome.received.add(v);
                if (plan.event() == Event.EARLY_EXIT
                        && outcome.received.size() >= plan.earlyExitAfter()) {
                    break;
                }
                if (plan.consumerPauseEvery() > 0
                        && outcome.received.size() % plan.consumerPauseEvery() == 0) {
                    Thread.yield();
                }
            }
        } catch (RuntimeException | Error e) {
            outcome.streamThrown = e; // a failed or cancelled run ends the stream by throwing
        } finally {
            long start = System.nanoTime();
            try {
                ((AutoCloseable) out).close();
            } catch (Throwable t) {
                outcome.thrown = t;
            }
            outcome.returnedAt = System.nanoTime();
            outcome.closeNanos = outcome.returnedAt - start;
            outcome.aliveAtReturn = alive(probe);
            outcome.interruptedAtReturn = Thread.currentThread().isInterrupted();
        }
    }

    private static List<Thread> alive(Probe probe) {
        return probe.threads().stream().filter(Thread::isAlive).toList();
    }

    // ---- the invariants
    // --------------------------------------------------------------------------

    private static void check(Compiled compiled, RunPlan plan, Outcome outcome) {
        PipelineShape shape = compiled.shape();
        Probe probe = outcome.probe;
        int[] workers = effectiveWorkers(shape, plan);

        // 1. no leaks
        if (!outcome.aliveAtReturn.isEmpty()) {
            throw new AssertionError(
                    "leak: stage threads alive after "
                            + (shape.hasSink() ? "run()" : "close()")
                            + " returned: "
                            + outcome.aliveAtReturn);
        }
        // 2. threads named <Pipeline>.<stage>#<worker>, one done for every stage
        String prefix = shape.pipelineName().substring(PipelineShape.PACKAGE.length() + 1) + ".";
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "(\\w+)#(\\d+)");
        for (Thread thread : probe.threads()) {
            Matcher m = name.matcher(thread.getName());
            int stage = m.matches() ? indexOf(shape, m.group(1)) : -1;
            if (stage < 0 || Integer.parseInt(m.group(2)) >= workers[stage]) {
                throw new AssertionError(
                        "stage thread named "
                                + thread.getName()
                                + ", not "
                                + prefix
                                + "<stage>#<worker> with a worker below the stage's count");
            }
            if (!thread.isVirtual()) {
                throw new AssertionError(
                        "stage thread " + thread.getName() + " is not a virtual thread");
            }
        }
        Set<Done> dones = probe.dones();
        if (dones.size() > 1
                || (outcome.done != null && !dones.isEmpty() && !dones.contains(outcome.done))) {
            throw new AssertionError(
                    "stages saw more than one done, or not the output's: " + dones);
        }

        // 3. nothing delivered that was not expected, nothing twice
        List<Long> expected = shape.expected(plan.count());
        List<Long> expectedSorted = sorted(expected);
        List<Long> receivedSorted = sorted(outcome.received);
        if (!isSubMultiset(receivedSorted, expectedSorted)) {
            throw new AssertionError(
                    "delivered elements that were not expected, or some twice: expected "
                            + abbreviate(expectedSorted)
                            + ", received "
                            + abbreviate(receivedSorted));
        }
        boolean keepsOrder = shape.keepsOrder(workers);
        if (keepsOrder && !outcome.received.equals(expected.subList(0, outcome.received.size()))) {
            throw new AssertionError(
                    "order lost: every stage keeps order, but received "
                            + abbreviate(outcome.received)
                            + " is not a prefix of "
                            + abbreviate(expected));
        }

        // 4. how the run ended
        List<Throwable> thrown = probe.thrown();
        Throwable x = outcome.thrown;
        Throwable streamed = outcome.streamThrown;
        if (streamed != null) {
            // the stream threw: the failure itself (and close() is then quiet, since an exception
            // cannot be suppressed on itself), a CompletionException of what close() throws, or a
            // cancellation, as close() reports it too
            if (streamed instanceof CompletionException completion) {
                if (x == null || completion.getCause() != x) {
                    throw new AssertionError(
                            "the stream threw " + streamed + " but close() threw " + x, streamed);
                }
            } else if (streamed instanceof CancellationException) {
                if (!(x instanceof CancellationException)) {
                    throw new AssertionError(
                            "the stream was cancelled but close() threw " + x, streamed);
                }
            } else if (x != null || !containsIdentity(thrown, streamed)) {
                throw new AssertionError(
                        "the stream threw "
                                + streamed
                                + ", not a stage's failure, or close() threw again: "
                                + x,
                        streamed);
            } else {
                x = streamed; // what try-with-resources hands the caller
            }
        } else if (outcome.streamEndedQuietly && x != null) {
            // the old lie: a failed or cancelled run whose stream ended as if it were complete
            throw new AssertionError("the stream ended as if complete, but close() threw " + x, x);
        }
        if (x != null && containsIdentity(thrown, x)) {
            // first failure wins: the caller gets that very instance, later ones are suppressed on
            // it
            Set<Throwable> suppressed = Collections.newSetFromMap(new IdentityHashMap<>());
            suppressed.addAll(Arrays.asList(x.getSuppressed()));
            for (Throwable t : thrown) {
                if (t != x && !suppressed.contains(t)) {
                    throw new AssertionError(
                            "a later failure was lost: " + t + " is not suppressed on " + x);
                }
            }
        } else if (x instanceof CancellationException cancelled) {
            Throwable cause = cancelled.getCause();
            boolean explained =
                    switch (plan.event()) {
                        case INTERRUPT ->
                                cause instanceof InterruptedException
                                        && outcome.interruptedAtReturn;
                        case DEADLINE -> cause instanceof TimeoutException;
                        case PARENT ->
                                plan.parentCause()
                                        ? cause != null
                                                && "parent cancelled on purpose"
                                                        .equals(cause.getMessage())
                                        : cause instanceof CancellationException;
                        default -> false;
                    };
            if (!explained) {
                throw new AssertionError(
                        "unexplained cancellation for event "
                                + plan.event()
                                + " (caller interrupted: "
                                + outcome.interruptedAtReturn
                                + "): "
                                + x,
                        x);
            }
        } else if (x != null) {
            throw new AssertionError("unexpected failure " + x, x);
        } else {
            // returned normally
            boolean earlyExit = plan.event() == Event.EARLY_EXIT;
            if (!thrown.isEmpty() && !earlyExit) {
                throw new AssertionError("a stage failed but the run returned normally: " + thrown);
            }
            if (!earlyExit && !receivedSorted.equals(expectedSorted)) {
                throw new AssertionError(
                        "loss: a complete run delivered "
                                + receivedSorted.size()
                                + " of "
                                + expectedSorted.size()
                                + ": expected "
                                + abbreviate(expectedSorted)
                                + ", received "
                                + abbreviate(receivedSorted));
            }
            if (earlyExit
                    && thrown.isEmpty()
                    && outcome.received.size()
                            != Math.min(plan.earlyExitAfter(), expected.size())) {
                throw new AssertionError(
                        "early exit after "
                                + plan.earlyExitAfter()
                                + " received "
                                + outcome.received.size()
                                + " of "
                                + expected.size());
            }
        }
    }

    private static void record(RunPlan plan, Outcome outcome) {
        Probe probe = outcome.probe;
        count("runs", 1);
        count("runs." + plan.event().name().toLowerCase(java.util.Locale.ROOT), 1);
        count("failures.planned", plan.failures().size());
        count("failures.thrown", probe.thrown().size());
        for (Throwable t : probe.thrown()) {
            count("failures.thrown." + t.getClass().getSimpleName(), 1);
        }
        count("stage.threads.checked", probe.threads().size());
        count("elements.delivered", outcome.received.size());
        Throwable x = outcome.thrown;
        if (x == null) {
            count("outcome.returned", 1);
        } else if (x instanceof CancellationException) {
            count(
                    "outcome.cancelled."
                            + (x.getCause() == null
                                    ? "null"
                                    : x.getCause().getClass().getSimpleName()),
                    1);
        } else {
            count("outcome.failed", 1);
            count("outcome.failed.suppressed", x.getSuppressed().length);
        }
        if (outcome.closeNanos >= 0) {
            maxCloseNanos = Math.max(maxCloseNanos, outcome.closeNanos);
        }
        if (outcome.cancelledAt >= 0
                && outcome.returnedAt > outcome.cancelledAt
                && outcome.thrown instanceof CancellationException) {
            // from the interrupt or the parent's close to run()/close() returning, every thread
            // ended
            maxCancelNanos = Math.max(maxCancelNanos, outcome.returnedAt - outcome.cancelledAt);
        }
        count("leaks", outcome.aliveAtReturn.size());
    }

    private static int indexOf(PipelineShape shape, String stage) {
        for (int i = 0; i < shape.stages().size(); i++) {
            if (shape.stages().get(i).name().equals(stage)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean containsIdentity(List<Throwable> list, Throwable t) {
        return list.stream().anyMatch(e -> e == t);
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    /** Whether sorted {@code small} is contained, with multiplicity, in sorted {@code big}. */
    private static boolean isSubMultiset(List<Long> small, List<Long> big) {
        int j = 0;
        for (Long v : small) {
            while (j < big.size() && big.get(j) < v) {
                j++;
            }
            if (j == big.size() || !big.get(j).equals(v)) {
                return false;
            }
            j++;
        }
        return true;
    }

    private static String abbreviate(List<Long> values) {
        return values.size() <= 40
                ? values.toString()
                : values.subList(0, 40) + "... (" + values.size() + ")";
    }

    private static String describe(
            List<Diagnostic<? extends javax.tools.JavaFileObject>> diagnostics) {
        StringBuilder s = new StringBuilder();
        for (Diagnostic<?> d : diagnostics) {
            s.append(d.getKind())
                    .append(' ')
                    .append(d.getSource() == null ? "" : d.getSource())
                    .append(':')
                    .append(d.getLineNumber())
                    .append(": ")
                    .append(d.getMessage(null))
                    .append('\n');
        }
        return s.toString();
    }

    private static String generatedSources(Compilation compilation, List<PipelineShape> shapes) {
        if (compilation.status() != Compilation.Status.SUCCESS) {
            return ""; // compile-testing hides generated files once a compilation failed
        }
        StringBuilder s = new StringBuilder();
        for (PipelineShape shape : shapes) {
            String generated = InMemoryJavac.generatedSource(compilation, shape.pipelineName());
            if (generated != null) {
                s.append("\n--- ").append(shape.pipelineName()).append(" ---\n").append(generated);
            }
        }
        return s.toString();
    }

    /** Every thread, virtual ones included, for a hang report. */
    private static String threadDump() {
        try {
            Path file = Files.createTempFile("stagehand-hang", ".txt");
            Files.delete(file);
            ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpThreads(
                            file.toString(),
                            com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return Files.readString(file);
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }
}
