package io.github.stagehand.processor;

import static io.github.stagehand.processor.RuntimeNames.BATCH_IN;
import static io.github.stagehand.processor.RuntimeNames.CHANNEL;
import static io.github.stagehand.processor.RuntimeNames.DONE;
import static io.github.stagehand.processor.RuntimeNames.IN;
import static io.github.stagehand.processor.RuntimeNames.MERGE;
import static io.github.stagehand.processor.RuntimeNames.ORDERED_MERGE;
import static io.github.stagehand.processor.RuntimeNames.OUTLET;
import static io.github.stagehand.processor.RuntimeNames.RATE_LIMITER;
import static io.github.stagehand.processor.RuntimeNames.SINKS;
import static io.github.stagehand.processor.RuntimeNames.SINK_VALUE;
import static io.github.stagehand.processor.RuntimeNames.STAGE_SCOPE;
import static io.github.stagehand.processor.RuntimeNames.TICKER;
import static io.github.stagehand.processor.RuntimeNames.WORKER_IN;
import static io.github.stagehand.processor.RuntimeNames.WORKER_OUT;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;

/**
 * Writes one private wiring method per stage, in the generated {@code Builder}: it forks the
 * stage's workers, each calling the user's method and closing or merging the stage's outputs on its
 * way out (Go's {@code gen}, {@code sq} and {@code merge}). Each output is wired as the {@link
 * EdgePlan} decides: a channel the method makes and returns, or an outlet the entry point hands in.
 */
final class StageWiringWriter {
    private final PipelineModel model;
    private final EdgePlan plan;
    private final TypeName ownerType;

    StageWiringWriter(PipelineModel model, EdgePlan plan) {
        this.model = model;
        this.plan = plan;
        this.ownerType = TypeName.get(model.owner().asType());
    }

    /**
     * The local names of one wiring method: its allocator, its scope, the input channels and the
     * outputs by the parameter they stand for, and the sinks' countdown (null unless there are
     * several sinks).
     */
    private static final class Names {
        final NameAllocator locals;
        final String scope;
        final List<String> ins = new ArrayList<>();
        final Map<VariableElement, String> ports = new LinkedHashMap<>();
        final List<String> outputs = new ArrayList<>(); // in port order
        final List<String> arguments = new ArrayList<>(); // a head's
        String done;
        String sinks;
        String limiter; // the stage's RateLimiter, or null
        String value; // a worker's input value, once named
        String results; // a worker's WorkerOut, once named

        Names(NameAllocator locals) {
            this.locals = locals;
            this.scope = locals.newName("scope");
        }
    }

    /** The local name of each output of a stage handed its outlets: {@code out} for one. */
    static String portName(Port port) {
        return port.stage().ports().size() == 1 ? "out" : port.simpleName();
    }

    /** What the wiring method returns: the channel it owns, a sink's value holder, or nothing. */
    TypeName wiringType(StageDescriptor stage) {
        if (stage.shape() == Shape.SINK) {
            return stage.isVoidSink()
                    ? TypeName.VOID
                    : ParameterizedTypeName.get(SINK_VALUE, TypeName.get(stage.output()).box());
        }
        return plan.ownsOutput(stage)
                ? ParameterizedTypeName.get(CHANNEL, TypeName.get(stage.output()))
                : TypeName.VOID;
    }

    /** The element type {@code stage} receives on its (first) input channel. */
    private TypeName inputType(StageDescriptor stage) {
        return TypeName.get(model.inputs(stage).get(0).type());
    }

    /**
     * The wiring method of {@code stage}, named {@code methodName}: Go's {@code gen}, {@code sq} or
     * {@code merge}.
     */
    MethodSpec write(StageDescriptor stage, String methodName) {
        // the builder fields the body reads, which a parameter of the same name would shadow
        List<String> fields = new ArrayList<>(List.of("owner"));
        fields.addAll(options(stage));
        if (!stage.allowsWorkers()) {
            fields.add(workersOption(stage)); // as before: never a local name
        }
        if (stage.shape() == Shape.SINK) {
            fields.add(bufferOption(stage));
        }
        Names names = new Names(reserved(fields.toArray(String[]::new)));
        MethodSpec.Builder method =
                MethodSpec.methodBuilder(methodName)
                        .addModifiers(Modifier.PRIVATE)
                        .returns(wiringType(stage))
                        .addParameter(STAGE_SCOPE, names.scope);
        if (stage.shape() == Shape.HEAD) {
            for (StageParameter parameter : stage.parameters()) {
                if (parameter.kind() == StageParameter.Kind.ARGUMENT) {
                    String name = names.locals.newName(parameter.name(), parameter);
                    method.addParameter(TypeName.get(parameter.element().asType()), name);
                    names.arguments.add(name);
                }
            }
        } else if (stage.isJoin()) {
            // a join: one channel per In, bound in order to the names in from
            for (StageParameter in : stage.ins()) {
                String name = names.locals.newName(in.name(), in);
                method.addParameter(
                        ParameterizedTypeName.get(
                                CHANNEL,
                                TypeName.get(StageMethodValidator.channelElement(in.element()))),
                        name);
                names.ports.put(in.element(), name);
                names.ins.add(name);
            }
        } else {
            String in = names.locals.newName("in");
            method.addParameter(ParameterizedTypeName.get(CHANNEL, inputType(stage)), in);
            names.ins.add(in);
            stage.ins().forEach(p -> names.ports.put(p.element(), in));
        }
        if (!plan.ownsOutput(stage)) {
            for (Port port : stage.ports()) {
                String name = names.locals.newName(portName(port), port);
                method.addParameter(
                        ParameterizedTypeName.get(OUTLET, TypeName.get(port.type())), name);
                output(names, port, name);
            }
        }
        if (stage.shape() == Shape.SINK && model.sinks().size() > 1) {
            names.sinks = names.locals.newName("sinks");
            method.addParameter(SINKS, names.sinks);
        }
        if (stage.takes(StageParameter.Kind.DONE)) {
            names.done = names.locals.newName("done");
            // a head's done also closes when the run is drained (PipelineBuilder.drain)
            method.addStatement(
                    stage.shape() == Shape.HEAD ? "$T $N = $N.headDone()" : "$T $N = $N.done()",
                    DONE,
                    names.done,
                    names.scope);
        }
        if (stage.rate() != null) {
            names.limiter = names.locals.newName("limiter");
            method.addCode(
                    "$T $N = new $T($N.done(), $N, $N); // limiter := rate.NewLimiter(...): at most"
                            + " $N calls per $N, all workers together\n",
                    RATE_LIMITER,
                    names.limiter,
                    RATE_LIMITER,
                    names.scope,
                    rateElements(stage),
                    ratePer(stage),
                    rateElements(stage),
                    ratePer(stage));
        }
        switch (stage.shape()) {
            case HEAD -> head(method, stage, names);
            case SINK -> {
                if (stage.isBatch()) {
                    batchSink(method, stage, names);
                } else {
                    sink(method, stage, names);
                }
            }
            default -> {
                if (stage.ordered()) {
                    orderedWorkers(method, stage, names);
                } else {
                    workers(method, stage, names);
                }
            }
        }
        return method.build();
    }

    /** Records {@code name} as the local that {@code port}'s sends go to. */
    private static void output(Names names, Port port, String name) {
        names.outputs.add(name);
        if (port.parameter() != null) {
            names.ports.put(port.parameter(), name);
        }
    }

    /**
     * {@code Channel<R> out = scope.channel("<stage> -> <next>", <stage>Buffer)}, when the stage
     * owns its outbound channel: named for the stages it joins.
     */
    private String ownedOutput(MethodSpec.Builder method, StageDescriptor stage, Names names) {
        String out = names.locals.newName("out");
        Port port = stage.ports().get(0);
        List<String> to = model.consumers(port).stream().map(StageDescriptor::name).toList();
        method.addStatement(
                "$T $N = $N.channel($S, $N)",
                wiringType(stage),
                out,
                names.scope,
                channelName(List.of(port), to.isEmpty() ? "output" : String.join(", ", to)),
                bufferOption(stage));
        output(names, port, out);
        return out;
    }

    /**
     * A channel's name in the run's statistics and snapshots: the ports that send to it, an arrow,
     * and what receives from it ({@code "walk.files -> extensions"}).
     */
    static String channelName(List<Port> from, String to) {
        return String.join(", ", from.stream().map(Port::name).toList()) + " -> " + to;
    }

    private void head(MethodSpec.Builder method, StageDescriptor stage, Names names) {
        boolean owns = plan.ownsOutput(stage);
        if (stage.every() != null) {
            method.addJavadoc(
                    "$N, the head, a poller: one worker calls it at once and then every {@code $N}, and emits on "
                            + (owns ? "{@code out}" : "its outputs")
                            + ", which it closes when it ends.\n",
                    stage.name(),
                    everyOption(stage));
        } else {
            method.addJavadoc(
                    owns
                            ? "$N, the head: one worker emits on {@code out}, which it closes when it ends.\n"
                            : "$N, the head: one worker emits on its outputs, which it closes when it ends.\n",
                    stage.name());
        }
        String out = owns ? ownedOutput(method, stage, names) : null;
        String ticker = null;
        if (stage.every() != null) {
            ticker = names.locals.newName("ticker");
            method.addCode(
                    // on the heads' done, which a drain closes too: a drained poller stops at
                    // its next tick
                    "$T $N = new $T($N.headDone(), $N); // ticker := time.NewTicker($N)\n",
                    TICKER,
                    ticker,
                    TICKER,
                    names.scope,
                    everyOption(stage),
                    everyOption(stage));
        }
        method.beginControlFlow("$N.fork($S, 0, () ->", names.scope, stage.name())
                .beginControlFlow("try");
        CodeBlock call = invocation(stage, names, null);
        if (ticker == null) {
            method.addStatement(call);
        } else if (stage.takes(StageParameter.Kind.OUT)) {
            method.addCode(
                    "$N.each(() -> $L); // for ; ; <-ticker.C { $N($L) }, until done closes\n",
                    ticker,
                    call,
                    stage.name(),
                    String.join(", ", goArguments(stage, names, "out")));
        } else {
            method.addCode(
                    "$N.map(() -> $L, $N.headOut($N)); // for ; ; <-ticker.C { out <- $N($L) },"
                            + " until it returns null or done closes\n",
                    ticker,
                    call,
                    names.scope,
                    names.outputs.get(0),
                    stage.name(),
                    String.join(", ", goArguments(stage, names, "out")));
        }
        recordFailure(method, names).nextControlFlow("finally");
        for (String output : names.outputs) {
            method.addCode("$N.close(); // defer close(out)\n", output);
        }
        method.endControlFlow().addCode("$<});\n");
        if (owns) {
            method.addStatement("return $N", out);
        }
    }

    private void workers(MethodSpec.Builder method, StageDescriptor stage, Names names) {
        boolean owns = plan.ownsOutput(stage);
        boolean several = stage.ports().size() > 1;
        String merge = names.locals.newName("merge");
        method.addJavadoc(
                "$N: {@code $N} workers range over {@code in}$L and send to $L; "
                        + "the last to end closes $L.\n",
                stage.name(),
                workersOption(stage),
                batchesJavadoc(stage),
                owns && plan.ownedInput(stage)
                        ? "one {@code out}"
                        : several ? "its outputs" : "{@code out}",
                several ? "them" : "it");
        String out = owns ? ownedOutput(method, stage, names) : names.outputs.get(0);
        if (plan.fusable(stage)) {
            fusable(method, stage, names, out);
        }
        if (owns && plan.ownedInput(stage)) {
            method.addCode(
                    "$T $N = new $T($N, $N); // merge: the last worker to end closes out\n",
                    MERGE,
                    merge,
                    MERGE,
                    out,
                    workersOption(stage));
        } else {
            // a stage whose input is not its own leaves it when it ends: see EdgePlan
            List<CodeBlock> closed = new ArrayList<>();
            if (!plan.ownedInput(stage)) {
                names.ins.forEach(in -> closed.add(CodeBlock.of("$N", in)));
            }
            names.outputs.forEach(output -> closed.add(CodeBlock.of("$N", output)));
            method.addCode(
                    "$T $N = new $T($N, $L); // merge: the last worker to end closes $L\n",
                    MERGE,
                    merge,
                    MERGE,
                    workersOption(stage),
                    CodeBlock.join(closed, ", "),
                    (several ? "the outputs" : "out")
                            + (plan.ownedInput(stage) ? "" : ", and leaves in"));
        }
        String worker = names.locals.newName("worker");
        method.beginControlFlow(
                "for (int $N = 0; $N < $N; $N++)", worker, worker, workersOption(stage), worker);
        if (stage.shape() == Shape.STREAM && !stage.isJoin()) {
            input(method, stage, names, workersOption(stage));
        }
        method.beginControlFlow("$N.fork($S, $N, () ->", names.scope, stage.name(), worker);
        if (stage.shape() == Shape.STREAM) {
            method.beginControlFlow("try").addStatement(invocation(stage, names, null));
        } else if (stage.ports().size() == 1) {
            runLoop(method, stage, names, out, owns);
        } else if (stage.isBatch()) {
            // several outputs: the flat stage's own sends go alone, each batch's at once
            String value = valueName(stage, names);
            method.beginControlFlow("try")
                    .addCode(
                            "$L.each($N -> $L$L); // for $N := range batches(in) { $N($N, ...) }\n",
                            batchIn(stage, names),
                            value,
                            invocation(stage, names, value),
                            names.limiter == null
                                    ? CodeBlock.of("")
                                    : CodeBlock.of(", $N", names.limiter),
                            value,
                            stage.name(),
                            value);
        } else {
            // several outputs: each value goes alone, since a run held for one output could wait
            // on a consumer that needs a value held for another
            String value = valueName(stage, names);
            method.beginControlFlow("try")
                    .beginControlFlow(
                            "for ($T $N : $N)", inputType(stage), value, names.ins.get(0));
            if (names.limiter != null) {
                method.addCode("$N.acquire(); // limiter.Wait(ctx)\n", names.limiter);
            }
            method.addStatement(emit(stage, names, value, null)).endControlFlow();
        }
        recordFailure(method, names)
                .nextControlFlow("finally")
                .addCode("$N.workerDone(); // defer wg.Done()\n", merge)
                .endControlFlow()
                .addCode("$<});\n")
                .endControlFlow();
        if (owns) {
            method.addStatement("return $N", out);
        }
    }

    /**
     * A stage that may run on its consumer's thread ({@link EdgePlan#fusable}): with one worker, it
     * is registered with the scope instead of forked, and the consumer's {@code input} runs it.
     */
    private void fusable(
            MethodSpec.Builder method, StageDescriptor stage, Names names, String out) {
        String value = valueName(stage, names);
        String results = resultsName(names);
        Port port = stage.ports().get(0);
        if (port.parameter() != null) {
            names.ports.put(port.parameter(), results);
        }
        String consumer = model.consumers(port).get(0).name();
        method.beginControlFlow("if ($N == 1)", workersOption(stage))
                .addCode(
                        "// fusion: $N runs on $N's thread, which calls it whenever its input is"
                                + " empty\n",
                        stage.name(),
                        consumer)
                .addStatement(
                        "$N.fusable($S, $N, $N, ($N, $N) -> $L)",
                        names.scope,
                        stage.name(),
                        names.ins.get(0),
                        out,
                        value,
                        results,
                        emit(stage, names, value, results))
                .addStatement("return $N", out)
                .endControlFlow();
    }

    /**
     * The {@code In} a stream or sink stage's worker is handed: {@code scope.input(in)}, which
     * takes runs of elements, or runs the stage before when it is fusable. Declared before the
     * fork, inside the worker loop of a stream stage; the stage's {@code In} parameter is bound to
     * it.
     */
    private void input(
            MethodSpec.Builder method, StageDescriptor stage, Names names, String workers) {
        String input = names.locals.newName("input");
        String in = names.ins.get(0);
        TypeName element =
                TypeName.get(StageMethodValidator.channelElement(stage.ins().get(0).element()));
        StageDescriptor producer = model.inputs(stage).get(0).stage();
        String comment =
                plan.fusable(producer)
                        ? "in, taken in runs; or " + producer.name() + " itself, run on this thread"
                        : "in, taken in runs";
        method.addCode(
                "$T<$T> $N = $N.input($L); // $L\n",
                IN,
                element,
                input,
                names.scope,
                workers == null ? CodeBlock.of("$N", in) : CodeBlock.of("$N, $N", in, workers),
                comment);
        stage.ins().forEach(p -> names.ports.put(p.element(), input));
    }

    /**
     * A map or flat worker with one output: it takes its inputs and hands on its results in runs
     * ({@code WorkerIn}, {@code WorkerOut}), in the runtime's loop that every stage shares ({@code
     * WorkerIn.map}, {@code each}). Opens the worker's {@code try}; {@code out} is the output's
     * local, a channel the stage owns if {@code owned}, else an outlet.
     */
    private void runLoop(
            MethodSpec.Builder method,
            StageDescriptor stage,
            Names names,
            String out,
            boolean owned) {
        String results = resultsName(names);
        Port port = stage.ports().get(0);
        if (port.parameter() != null) {
            names.ports.put(port.parameter(), results);
        }
        TypeName element = TypeName.get(stage.output()).box();
        if (owned) {
            method.addStatement(
                    "$T<$T> $N = new $T<>($N)", WORKER_OUT, element, results, WORKER_OUT, out);
        } else {
            method.addStatement(
                    "$T<$T> $N = new $T<>($N, $N.done())",
                    WORKER_OUT,
                    element,
                    results,
                    WORKER_OUT,
                    out,
                    names.scope);
        }
        method.beginControlFlow("try");
        String value = valueName(stage, names);
        CodeBlock in =
                stage.isBatch()
                        ? batchIn(stage, names)
                        : CodeBlock.of(
                                "new $T<>($N, $N, $N)",
                                WORKER_IN,
                                names.ins.get(0),
                                workersOption(stage),
                                results);
        CodeBlock call = invocation(stage, names, value);
        // a batch stage ranges over batches; a stage with a rate waits for its turn before each
        String range = stage.isBatch() ? "batches(in)" : "in";
        String wait = names.limiter == null ? "" : "limiter.Wait(ctx); ";
        CodeBlock limiter =
                names.limiter == null ? CodeBlock.of("") : CodeBlock.of(", $N", names.limiter);
        if (stage.shape() == Shape.MAP) {
            method.addCode(
                    "$L.map($S, $N -> $L, $N$L); // for $N := range $L { $Lout <- $N($N) }\n",
                    in,
                    stage.name(),
                    value,
                    call,
                    results,
                    limiter,
                    value,
                    range,
                    wait,
                    stage.name(),
                    value);
        } else if (stage.isBatch()) {
            method.addCode(
                    "$L.each($N -> $L, $N$L); // for $N := range $L { $L$N($N, out) }\n",
                    in,
                    value,
                    call,
                    results,
                    limiter,
                    value,
                    range,
                    wait,
                    stage.name(),
                    value);
        } else if (names.limiter != null) {
            method.addCode(
                    "$L.each($N -> $L, $N$L); // for $N := range $L { $L$N($N, out) }\n",
                    in,
                    value,
                    call,
                    results,
                    limiter,
                    value,
                    range,
                    wait,
                    stage.name(),
                    value);
        } else {
            method.addCode(
                    "$L.each($N -> $L); // for $N := range in { $N($N, out) }\n",
                    in,
                    value,
                    call,
                    value,
                    stage.name(),
                    value);
        }
        method.addCode(
                "$N.flush(); // the input ended: hand on what this worker holds before wg.Done()\n",
                results);
    }

    private void orderedWorkers(MethodSpec.Builder method, StageDescriptor stage, Names names) {
        boolean owns = plan.ownsOutput(stage);
        String order = names.locals.newName("order");
        String worker = names.locals.newName("worker");
        String lane = names.locals.newName("lane");
        String value = valueName(stage, names);
        TypeName inType = inputType(stage);
        TypeName outType = TypeName.get(stage.output());
        method.addJavadoc(
                "$N, ordered: {@code $N} workers take numbered inputs from {@code in} and send their "
                        + "results in input order; the last to end closes {@code out}.\n",
                stage.name(),
                workersOption(stage));
        String out = owns ? ownedOutput(method, stage, names) : names.outputs.get(0);
        // a stage whose input is not its own leaves it when it ends: see EdgePlan
        method.addStatement(
                plan.ownedInput(stage)
                        ? "$T $N = new $T<>($N, $N, $N.done(), $N)"
                        : "$T $N = $T.leaving($N, $N, $N.done(), $N)",
                ParameterizedTypeName.get(ORDERED_MERGE, inType, outType),
                order,
                ORDERED_MERGE,
                names.ins.get(0),
                out,
                names.scope,
                workersOption(stage));
        names.outputs.set(0, lane); // the user's sends go through the worker's lane
        if (stage.ports().get(0).parameter() != null) {
            names.ports.put(stage.ports().get(0).parameter(), lane);
        }
        method.beginControlFlow(
                        "for (int $N = 0; $N < $N; $N++)",
                        worker,
                        worker,
                        workersOption(stage),
                        worker)
                .beginControlFlow("$N.fork($S, $N, () ->", names.scope, stage.name(), worker)
                .addStatement("var $N = $N.lane()", lane, order)
                .beginControlFlow("try")
                .beginControlFlow(
                        "for ($T $N; ($N = $N.receive()) != null; )", inType, value, value, lane);
        if (names.limiter != null) {
            method.addCode("$N.acquire(); // limiter.Wait(ctx)\n", names.limiter);
        }
        method.addStatement(emit(stage, names, value, lane))
                .addCode(
                        "$N.release(); // wait for this input's turn, then send in input order\n",
                        lane)
                .endControlFlow();
        recordFailure(method, names)
                .nextControlFlow("finally")
                .addCode("$N.workerDone(); // the last worker to end closes out\n", order)
                .endControlFlow()
                .addCode("$<});\n")
                .endControlFlow();
        if (owns) {
            method.addStatement("return $N", out);
        }
    }

    /**
     * {@code catch (Throwable failure) { throw scope.failed(failure); }}: the failure closes {@code
     * done} before the {@code finally} closes the stage's output, so that no consumer takes that
     * close for the end of a complete stream (see {@code StageScope.failed}).
     */
    private static MethodSpec.Builder recordFailure(MethodSpec.Builder method, Names names) {
        String failure = names.locals.newName("failure");
        return method.nextControlFlow("catch ($T $N)", Throwable.class, failure)
                .addCode(
                        "throw $N.failed($N); // before out closes: a failed stage never looks finished\n",
                        names.scope,
                        failure);
    }

    /**
     * A batch sink, {@code void f(List<T> batch)}: its workers range over batches of the input, and
     * the last to end ends the sink, as a sink's return does.
     */
    private void batchSink(MethodSpec.Builder method, StageDescriptor stage, Names names) {
        String merge = names.locals.newName("merge");
        String worker = names.locals.newName("worker");
        String value = valueName(stage, names);
        method.addJavadoc(
                "$N, the sink: {@code $N} workers range over {@code in}$L; the last to end ends the sink.\n",
                stage.name(),
                workersOption(stage),
                batchesJavadoc(stage));
        method.addCode(
                "$T $N = new $T($N); // wg: the last worker to end ends the sink\n",
                MERGE,
                merge,
                MERGE,
                workersOption(stage));
        method.beginControlFlow(
                        "for (int $N = 0; $N < $N; $N++)",
                        worker,
                        worker,
                        workersOption(stage),
                        worker)
                .beginControlFlow("$N.fork($S, $N, () ->", names.scope, stage.name(), worker)
                .beginControlFlow("try")
                .addCode(
                        "$L.each($N -> $L$L); // for $N := range batches(in) { $L$N($N) }\n",
                        batchIn(stage, names),
                        value,
                        invocation(stage, names, value),
                        names.limiter == null
                                ? CodeBlock.of("")
                                : CodeBlock.of(", $N", names.limiter),
                        value,
                        names.limiter == null ? "" : "limiter.Wait(ctx); ",
                        stage.name(),
                        value);
        String failure = names.locals.newName("failure");
        method.nextControlFlow("catch ($T $N)", Throwable.class, failure)
                .addCode(
                        "throw $N.failed($N); // done closes with the failure before the sink could"
                                + " end\n",
                        names.scope,
                        failure)
                .nextControlFlow("finally")
                .addCode(
                        "if ($N.workerDone()) { // defer wg.Done(); the last worker to end ends the"
                                + " sink\n$>",
                        merge);
        sinkEnded(method, names, "the sink has ended");
        method.addCode("$<}\n").endControlFlow().addCode("$<});\n").endControlFlow();
    }

    /**
     * {@code new BatchIn<>(in, <stage>Workers, <stage>Batch, <stage>Linger)}: a worker's input in
     * batches, of the stage's {@code T} (named when it is a supertype of what the input carries).
     */
    private CodeBlock batchIn(StageDescriptor stage, Names names) {
        TypeName element = inputType(stage);
        boolean named = stage.input() != null && !TypeName.get(stage.input()).box().equals(element);
        return CodeBlock.of(
                named ? "new $T<$T>($N, $N, $N, $N)" : "new $T<>($N, $N, $N, $N)",
                named
                        ? new Object[] {
                            BATCH_IN,
                            TypeName.get(stage.input()),
                            names.ins.get(0),
                            workersOption(stage),
                            batchOption(stage),
                            lingerOption(stage)
                        }
                        : new Object[] {
                            BATCH_IN,
                            names.ins.get(0),
                            workersOption(stage),
                            batchOption(stage),
                            lingerOption(stage)
                        });
    }

    /** ", in batches of up to ..." for a batch stage's Javadoc; empty for any other stage. */
    private static String batchesJavadoc(StageDescriptor stage) {
        if (!stage.isBatch()) {
            return "";
        }
        return " in batches of up to {@code "
                + batchOption(stage)
                + "} (each handed over when full, once {@code "
                + lingerOption(stage)
                + "} has passed since its first element, or at the end)";
    }

    private void sink(MethodSpec.Builder method, StageDescriptor stage, Names names) {
        if (!stage.isJoin()) {
            input(method, stage, names, null);
        }
        if (stage.isVoidSink()) {
            method.addJavadoc("$N, the sink: consumes {@code in}.\n", stage.name())
                    .beginControlFlow("$N.fork($S, 0, () ->", names.scope, stage.name())
                    .addStatement(invocation(stage, names, null));
            sinkEnded(method, names, "the sink has ended");
            method.addCode("$<});\n");
            return;
        }
        String value = names.locals.newName("value");
        method.addJavadoc(
                        "$N, the sink: consumes {@code in}; its value is what {@code run} returns.\n",
                        stage.name())
                .addStatement("$T $N = new $T<>()", wiringType(stage), value, SINK_VALUE)
                .beginControlFlow("$N.fork($S, 0, () ->", names.scope, stage.name())
                .addStatement("$N.set($L)", value, invocation(stage, names, null));
        sinkEnded(method, names, "the sink has its value");
        method.addCode("$<});\n").addStatement("return $N", value);
    }

    /**
     * What a sink does once it returned: with no other sink, it closes {@code done}; beside others,
     * it leaves its input, so that its upstream stops sending to it, and the last sink closes
     * {@code done}.
     */
    private static void sinkEnded(MethodSpec.Builder method, Names names, String why) {
        if (names.sinks == null) {
            method.addCode(
                    "$N.done().close(); // $L: release every stage still sending\n",
                    names.scope,
                    why);
            return;
        }
        for (String in : names.ins) {
            method.addCode(
                    "$N.close(); // $L: leave $N, so that its upstream stops sending to it\n",
                    in,
                    why,
                    in);
        }
        method.addCode(
                "$N.sinkDone(); // the last sink to end closes done: release every stage still sending\n",
                names.sinks);
    }

    /**
     * A map sends what the stage returns to {@code out}; a flat stage is handed its outputs and
     * sends itself.
     */
    private CodeBlock emit(StageDescriptor stage, Names names, String value, String out) {
        if (stage.shape() == Shape.MAP) {
            CodeBlock result = invocation(stage, names, value);
            if (!stage.method().getReturnType().getKind().isPrimitive()) {
                // a null result fails naming the map stage, where send could only name the thread
                result = CodeBlock.of("$T.returned($S, $L)", STAGE_SCOPE, stage.name(), result);
            }
            return CodeBlock.of("$N.send($L)", out == null ? names.outputs.get(0) : out, result);
        }
        return invocation(stage, names, value);
    }

    /**
     * {@code Owner.stage(args)} or {@code owner.stage(args)}, each parameter given what it asks
     * for.
     */
    private CodeBlock invocation(StageDescriptor stage, Names names, String value) {
        List<CodeBlock> arguments = new ArrayList<>();
        int argument = 0;
        for (StageParameter parameter : stage.parameters()) {
            String name =
                    switch (parameter.kind()) {
                        case ARGUMENT -> names.arguments.get(argument++);
                        case VALUE -> value;
                        case OUT, IN -> names.ports.get(parameter.element());
                        case DONE -> names.done;
                    };
            if (parameter.kind() == StageParameter.Kind.IN && names.limiter != null) {
                // a stream or sink stage with a rate: each element it takes waits for its turn
                arguments.add(CodeBlock.of("$N.in($N)", names.limiter, name));
                continue;
            }
            arguments.add(
                    parameter.kind() == StageParameter.Kind.OUT && stage.shape() == Shape.HEAD
                            // stops the head at its next send once the run is drained
                            ? CodeBlock.of("$N.headOut($N)", names.scope, name)
                            : CodeBlock.of("$N", name));
        }
        CodeBlock joined = CodeBlock.join(arguments, ", ");
        return stage.isStatic()
                ? CodeBlock.of("$T.$N($L)", ownerType, stage.name(), joined)
                : CodeBlock.of("owner.$N($L)", stage.name(), joined);
    }

    /**
     * A head's arguments as a Go comment names them: its {@code Out}s as {@code out} (once), its
     * inputs by name; {@code Done} left out, as Go's {@code done} is in scope.
     */
    private static List<String> goArguments(StageDescriptor stage, Names names, String out) {
        List<String> arguments = new ArrayList<>();
        int argument = 0;
        for (StageParameter parameter : stage.parameters()) {
            switch (parameter.kind()) {
                case ARGUMENT -> arguments.add(names.arguments.get(argument++));
                case OUT -> {
                    if (!arguments.contains(out)) {
                        arguments.add(out);
                    }
                }
                default -> {}
            }
        }
        return arguments;
    }

    private static String valueName(StageDescriptor stage, Names names) {
        if (names.value == null) {
            names.value =
                    stage.inputParameter()
                            .map(p -> names.locals.newName(p.name(), p))
                            .orElseGet(() -> names.locals.newName("value"));
        }
        return names.value;
    }

    /** The local name of a worker's {@code WorkerOut}, the same in every lambda that has one. */
    private static String resultsName(Names names) {
        if (names.results == null) {
            names.results = names.locals.newName("results");
        }
        return names.results;
    }

    /** An allocator that will not hand out {@code names}. */
    static NameAllocator reserved(String... names) {
        NameAllocator allocator = new NameAllocator();
        for (String name : names) {
            allocator.newName(name, new Object());
        }
        return allocator;
    }

    static String workersOption(StageDescriptor stage) {
        return stage.name() + "Workers";
    }

    static String batchOption(StageDescriptor stage) {
        return stage.name() + "Batch";
    }

    static String lingerOption(StageDescriptor stage) {
        return stage.name() + "Linger";
    }

    static String everyOption(StageDescriptor stage) {
        return stage.name() + "Every";
    }

    /**
     * The builder method that sets a rate; its two fields are {@link #rateElements}, {@link
     * #ratePer}.
     */
    static String rateOption(StageDescriptor stage) {
        return stage.name() + "Rate";
    }

    static String rateElements(StageDescriptor stage) {
        return stage.name() + "RateElements";
    }

    static String ratePer(StageDescriptor stage) {
        return stage.name() + "RatePer";
    }

    /** The names of {@code stage}'s builder options and the fields behind them. */
    static List<String> options(StageDescriptor stage) {
        List<String> options = new ArrayList<>();
        if (stage.allowsWorkers()) {
            options.add(workersOption(stage));
        }
        if (stage.shape() != Shape.SINK) {
            options.add(bufferOption(stage));
        }
        if (stage.isBatch()) {
            options.add(batchOption(stage));
            options.add(lingerOption(stage));
        }
        if (stage.every() != null) {
            options.add(everyOption(stage));
        }
        if (stage.rate() != null) {
            options.add(rateOption(stage));
            options.add(rateElements(stage));
            options.add(ratePer(stage));
        }
        return options;
    }

    static String bufferOption(StageDescriptor stage) {
        return stage.name() + "Buffer";
    }
}
