package io.github.stagehand.processor;

import static io.github.stagehand.processor.RuntimeNames.CHANNEL;
import static io.github.stagehand.processor.RuntimeNames.DONE;
import static io.github.stagehand.processor.RuntimeNames.MERGE;
import static io.github.stagehand.processor.RuntimeNames.ORDERED_MERGE;
import static io.github.stagehand.processor.RuntimeNames.OUTLET;
import static io.github.stagehand.processor.RuntimeNames.SINKS;
import static io.github.stagehand.processor.RuntimeNames.SINK_VALUE;
import static io.github.stagehand.processor.RuntimeNames.STAGE_SCOPE;
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
 * Writes one private wiring method per stage, in the generated {@code Builder}: it makes the
 * stage's outbound channel and forks its workers, each calling the user's method and closing or
 * merging the channel on its way out (Go's {@code gen}, {@code sq} and {@code merge}).
 */
final class StageWiringWriter {
    private final PipelineModel model;
    private final TypeName ownerType;

    /**
     * Whether the pipeline is a graph: then each wiring method is handed its input channel and its
     * outputs ({@code Outlet}s, made by the entry point), and a stage leaves its input when it
     * ends.
     */
    private final boolean graph;

    /** The channels' names in the method being written, by {@code Out} (or join {@code In}). */
    private final Map<VariableElement, String> portNames = new LinkedHashMap<>();

    /** The name of the {@code Sinks} countdown in the sink being written; null if there is none. */
    private String sinks;

    StageWiringWriter(PipelineModel model) {
        this.model = model;
        this.ownerType = TypeName.get(model.owner().asType());
        this.graph = !model.isChain();
    }

    /** What a graph's wiring method returns: a sink's value holder, or nothing. */
    private TypeName graphReturnType(StageDescriptor stage) {
        return stage.shape() == Shape.SINK && !stage.isVoidSink()
                ? returnType(stage)
                : TypeName.VOID;
    }

    /** The element type {@code stage} receives on its input channel. */
    private TypeName inputType(StageDescriptor stage) {
        return TypeName.get(graph ? model.inputs(stage).get(0).type() : previous(stage).output());
    }

    /**
     * The local name of each output of a graph stage: {@code out} for one, else the parameter's.
     */
    static String portName(Port port) {
        return port.stage().ports().size() == 1 ? "out" : port.simpleName();
    }

    static TypeName returnType(StageDescriptor stage) {
        if (stage.isVoidSink()) {
            return TypeName.VOID;
        }
        if (stage.shape() == Shape.SINK) {
            return ParameterizedTypeName.get(SINK_VALUE, TypeName.get(stage.output()).box());
        }
        return ParameterizedTypeName.get(CHANNEL, TypeName.get(stage.output()));
    }

    /**
     * The wiring method of {@code stage}, named {@code methodName}: Go's {@code gen}, {@code sq} or
     * {@code merge}.
     */
    MethodSpec write(StageDescriptor stage, String methodName) {
        // the builder fields the body reads, which a parameter of the same name would shadow
        NameAllocator locals = reserved("owner", workersOption(stage), bufferOption(stage));
        String scope = locals.newName("scope");
        MethodSpec.Builder method =
                MethodSpec.methodBuilder(methodName)
                        .addModifiers(Modifier.PRIVATE)
                        .returns(graph ? graphReturnType(stage) : returnType(stage))
                        .addParameter(STAGE_SCOPE, scope);
        Map<StageParameter.Kind, String> names = new LinkedHashMap<>();
        portNames.clear();
        sinks = null;
        List<String> argumentNames = new ArrayList<>();
        if (stage.shape() == Shape.HEAD) {
            for (StageParameter parameter : stage.parameters()) {
                if (parameter.kind() == StageParameter.Kind.ARGUMENT) {
                    String name = locals.newName(parameter.name(), parameter);
                    method.addParameter(TypeName.get(parameter.element().asType()), name);
                    argumentNames.add(name);
                }
            }
        } else {
            if (stage.isJoin()) {
                // a join: one channel per In, bound in order to the names in from
                for (StageParameter in : stage.ins()) {
                    String name = locals.newName(in.name(), in);
                    method.addParameter(
                            ParameterizedTypeName.get(
                                    CHANNEL,
                                    TypeName.get(
                                            StageMethodValidator.channelElement(in.element()))),
                            name);
                    portNames.put(in.element(), name);
                    names.putIfAbsent(StageParameter.Kind.IN, name);
                }
            } else {
                names.put(StageParameter.Kind.IN, locals.newName("in"));
                method.addParameter(
                        ParameterizedTypeName.get(CHANNEL, inputType(stage)),
                        names.get(StageParameter.Kind.IN));
            }
        }
        if (graph) {
            for (Port port : stage.ports()) {
                String name = locals.newName(portName(port), port);
                method.addParameter(
                        ParameterizedTypeName.get(OUTLET, TypeName.get(port.type())), name);
                if (port.parameter() != null) {
                    portNames.put(port.parameter(), name);
                }
                names.put(StageParameter.Kind.OUT, name);
            }
            if (stage.shape() == Shape.SINK && model.sinks().size() > 1) {
                sinks = locals.newName("sinks");
                method.addParameter(SINKS, sinks);
            }
        }
        if (stage.takes(StageParameter.Kind.DONE)) {
            names.put(StageParameter.Kind.DONE, locals.newName("done"));
            method.addStatement(
                    "$T $N = $N.done()", DONE, names.get(StageParameter.Kind.DONE), scope);
        }
        switch (stage.shape()) {
            case HEAD -> head(method, stage, locals, names, argumentNames, scope);
            case SINK -> sink(method, stage, locals, names, scope);
            default -> {
                if (stage.ordered()) {
                    orderedWorkers(method, stage, locals, names, scope);
                } else {
                    workers(method, stage, locals, names, scope);
                }
            }
        }
        return method.build();
    }

    private void head(
            MethodSpec.Builder method,
            StageDescriptor stage,
            NameAllocator locals,
            Map<StageParameter.Kind, String> names,
            List<String> argumentNames,
            String scope) {
        if (graph) {
            method.addJavadoc(
                            "$N, the head: one worker emits on its outputs, which it closes when it ends.\n",
                            stage.name())
                    .beginControlFlow("$N.fork($S, 0, () ->", scope, stage.name())
                    .beginControlFlow("try")
                    .addStatement(invocation(stage, names, argumentNames, null));
            recordFailure(method, locals, scope).nextControlFlow("finally");
            for (Port port : stage.ports()) {
                method.addCode("$N.close(); // defer close(out)\n", outletName(port, names));
            }
            method.endControlFlow().addCode("$<});\n");
            return;
        }
        String out = locals.newName("out");
        names.put(StageParameter.Kind.OUT, out);
        method.addJavadoc(
                        "$N, the head: one worker emits on {@code out}, which it closes when it ends.\n",
                        stage.name())
                .addStatement(outboundChannel(stage, out, scope))
                .beginControlFlow("$N.fork($S, 0, () ->", scope, stage.name())
                .beginControlFlow("try")
                .addStatement(invocation(stage, names, argumentNames, null));
        recordFailure(method, locals, scope)
                .nextControlFlow("finally")
                .addCode("$N.close(); // defer close(out)\n", out)
                .endControlFlow()
                .addCode("$<});\n")
                .addStatement("return $N", out);
    }

    /**
     * {@code Channel<R> out = scope.channel("<stage> -> <next>", <stage>Buffer)}: the stage's
     * outbound channel, named for the stages it joins.
     */
    private CodeBlock outboundChannel(StageDescriptor stage, String out, String scope) {
        Port port = stage.ports().get(0);
        List<String> to = model.consumers(port).stream().map(StageDescriptor::name).toList();
        return CodeBlock.of(
                "$T $N = $N.channel($S, $N)",
                returnType(stage),
                out,
                scope,
                channelName(List.of(port), to.isEmpty() ? "output" : String.join(", ", to)),
                bufferOption(stage));
    }

    /**
     * A channel's name in the run's statistics and snapshots: the ports that send to it, an arrow,
     * and what receives from it ({@code "walk.files -> extensions"}).
     */
    static String channelName(List<Port> from, String to) {
        return String.join(", ", from.stream().map(Port::name).toList()) + " -> " + to;
    }

    private void workers(
            MethodSpec.Builder method,
            StageDescriptor stage,
            NameAllocator locals,
            Map<StageParameter.Kind, String> names,
            String scope) {
        String out;
        String merge = graph ? locals.newName("merge") : null;
        if (graph) {
            out = names.get(StageParameter.Kind.OUT);
            List<CodeBlock> closed = new ArrayList<>();
            inputNames(stage, names).forEach(in -> closed.add(CodeBlock.of("$N", in)));
            stage.ports().forEach(port -> closed.add(CodeBlock.of("$N", outletName(port, names))));
            method.addJavadoc(
                            "$N: {@code $N} workers range over {@code in} and send to its outputs; "
                                    + "the last to end closes them.\n",
                            stage.name(),
                            workersOption(stage))
                    .addCode(
                            "$T $N = new $T($N, $L); // merge: the last worker to end closes the outputs, and leaves in\n",
                            MERGE,
                            merge,
                            MERGE,
                            workersOption(stage),
                            CodeBlock.join(closed, ", "));
        } else {
            out = locals.newName("out");
            merge = locals.newName("merge");
            names.put(StageParameter.Kind.OUT, out);
            method.addJavadoc(
                            "$N: {@code $N} workers range over {@code in} and send to one {@code out}; "
                                    + "the last to end closes it.\n",
                            stage.name(),
                            workersOption(stage))
                    .addStatement(outboundChannel(stage, out, scope))
                    .addCode(
                            "$T $N = new $T($N, $N); // merge: the last worker to end closes out\n",
                            MERGE,
                            merge,
                            MERGE,
                            out,
                            workersOption(stage));
        }
        String worker = locals.newName("worker");
        method.beginControlFlow(
                        "for (int $N = 0; $N < $N; $N++)",
                        worker,
                        worker,
                        workersOption(stage),
                        worker)
                .beginControlFlow("$N.fork($S, $N, () ->", scope, stage.name(), worker);
        if (stage.shape() == Shape.STREAM) {
            method.beginControlFlow("try").addStatement(invocation(stage, names, List.of(), null));
        } else if (!graph || stage.ports().size() == 1) {
            runLoop(method, stage, locals, names, scope, out);
        } else {
            // several outputs: each value goes alone, since a run held for one output could wait
            // on a consumer that needs a value held for another
            String value = valueName(stage, locals);
            method.beginControlFlow("try")
                    .beginControlFlow(
                            "for ($T $N : $N)",
                            inputType(stage),
                            value,
                            names.get(StageParameter.Kind.IN))
                    .addStatement(emit(stage, names, value, out))
                    .endControlFlow();
        }
        recordFailure(method, locals, scope)
                .nextControlFlow("finally")
                .addCode("$N.workerDone(); // defer wg.Done()\n", merge)
                .endControlFlow()
                .addCode("$<});\n")
                .endControlFlow();
        if (!graph) {
            method.addStatement("return $N", out);
        }
    }

    /**
     * A map or flat worker with one output: it takes its inputs and hands on its results in runs
     * ({@code WorkerIn}, {@code WorkerOut}), in the runtime's loop that every stage shares ({@code
     * WorkerIn.map}, {@code each}). Opens the worker's {@code try}; {@code out} is the outbound
     * channel of a chain, or of a graph the name of the stage's one outlet.
     */
    private void runLoop(
            MethodSpec.Builder method,
            StageDescriptor stage,
            NameAllocator locals,
            Map<StageParameter.Kind, String> names,
            String scope,
            String out) {
        String results = locals.newName("results");
        Port port = stage.ports().get(0);
        String target = graph ? outletName(port, names) : out;
        names.put(StageParameter.Kind.OUT, results);
        if (port.parameter() != null) {
            portNames.put(port.parameter(), results);
        }
        TypeName element = TypeName.get(stage.output()).box();
        if (graph) {
            method.addStatement(
                    "$T<$T> $N = new $T<>($N, $N.done())",
                    WORKER_OUT,
                    element,
                    results,
                    WORKER_OUT,
                    target,
                    scope);
        } else {
            method.addStatement(
                    "$T<$T> $N = new $T<>($N)", WORKER_OUT, element, results, WORKER_OUT, target);
        }
        method.beginControlFlow("try");
        String value = valueName(stage, locals);
        CodeBlock in =
                CodeBlock.of(
                        "new $T<>($N, $N, $N)",
                        WORKER_IN,
                        names.get(StageParameter.Kind.IN),
                        workersOption(stage),
                        results);
        CodeBlock call = invocation(stage, names, List.of(), value);
        if (stage.shape() == Shape.MAP) {
            method.addCode(
                    "$L.map($S, $N -> $L, $N); // for $N := range in { out <- $N($N) }\n",
                    in,
                    stage.name(),
                    value,
                    call,
                    results,
                    value,
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

    private void orderedWorkers(
            MethodSpec.Builder method,
            StageDescriptor stage,
            NameAllocator locals,
            Map<StageParameter.Kind, String> names,
            String scope) {
        String out = graph ? names.get(StageParameter.Kind.OUT) : locals.newName("out");
        String order = locals.newName("order");
        String worker = locals.newName("worker");
        String lane = locals.newName("lane");
        String value = valueName(stage, locals);
        TypeName inType = inputType(stage);
        TypeName outType = TypeName.get(stage.output());
        names.put(StageParameter.Kind.OUT, lane);
        method.addJavadoc(
                "$N, ordered: {@code $N} workers take numbered inputs from {@code in} and send their "
                        + "results in input order; the last to end closes {@code out}.\n",
                stage.name(),
                workersOption(stage));
        if (graph) {
            method.addStatement(
                    "$T $N = $T.leaving($N, $N, $N.done(), $N)",
                    ParameterizedTypeName.get(ORDERED_MERGE, inType, outType),
                    order,
                    ORDERED_MERGE,
                    names.get(StageParameter.Kind.IN),
                    out,
                    scope,
                    workersOption(stage));
        } else {
            method.addStatement(outboundChannel(stage, out, scope))
                    .addStatement(
                            "$T $N = new $T<>($N, $N, $N.done(), $N)",
                            ParameterizedTypeName.get(ORDERED_MERGE, inType, outType),
                            order,
                            ORDERED_MERGE,
                            names.get(StageParameter.Kind.IN),
                            out,
                            scope,
                            workersOption(stage));
        }
        method.beginControlFlow(
                        "for (int $N = 0; $N < $N; $N++)",
                        worker,
                        worker,
                        workersOption(stage),
                        worker)
                .beginControlFlow("$N.fork($S, $N, () ->", scope, stage.name(), worker)
                .addStatement("var $N = $N.lane()", lane, order)
                .beginControlFlow("try")
                .beginControlFlow(
                        "for ($T $N; ($N = $N.receive()) != null; )", inType, value, value, lane)
                .addStatement(emit(stage, names, value, lane))
                .addCode(
                        "$N.release(); // wait for this input's turn, then send in input order\n",
                        lane)
                .endControlFlow();
        recordFailure(method, locals, scope)
                .nextControlFlow("finally")
                .addCode("$N.workerDone(); // the last worker to end closes out\n", order)
                .endControlFlow()
                .addCode("$<});\n")
                .endControlFlow();
        if (!graph) {
            method.addStatement("return $N", out);
        }
    }

    /**
     * {@code catch (Throwable failure) { throw scope.failed(failure); }}: the failure closes {@code
     * done} before the {@code finally} closes the stage's output, so that no consumer takes that
     * close for the end of a complete stream (see {@code StageScope.failed}).
     */
    private static MethodSpec.Builder recordFailure(
            MethodSpec.Builder method, NameAllocator locals, String scope) {
        String failure = locals.newName("failure");
        return method.nextControlFlow("catch ($T $N)", Throwable.class, failure)
                .addCode(
                        "throw $N.failed($N); // before out closes: a failed stage never looks finished\n",
                        scope,
                        failure);
    }

    private void sink(
            MethodSpec.Builder method,
            StageDescriptor stage,
            NameAllocator locals,
            Map<StageParameter.Kind, String> names,
            String scope) {
        if (stage.isVoidSink()) {
            method.addJavadoc("$N, the sink: consumes {@code in}.\n", stage.name())
                    .beginControlFlow("$N.fork($S, 0, () ->", scope, stage.name())
                    .addStatement(invocation(stage, names, List.of(), null));
            sinkEnded(method, inputNames(stage, names), scope, "the sink has ended");
            method.addCode("$<});\n");
            return;
        }
        String value = locals.newName("value");
        method.addJavadoc(
                        "$N, the sink: consumes {@code in}; its value is what {@code run} returns.\n",
                        stage.name())
                .addStatement("$T $N = new $T<>()", returnType(stage), value, SINK_VALUE)
                .beginControlFlow("$N.fork($S, 0, () ->", scope, stage.name())
                .addStatement("$N.set($L)", value, invocation(stage, names, List.of(), null));
        sinkEnded(method, inputNames(stage, names), scope, "the sink has its value");
        method.addCode("$<});\n").addStatement("return $N", value);
    }

    /**
     * What a sink does once it returned: with no other sink, it closes {@code done}; beside others,
     * it leaves its input, so that its upstream stops sending to it, and the last sink closes
     * {@code done}.
     */
    private void sinkEnded(
            MethodSpec.Builder method, List<String> inputNames, String scope, String why) {
        if (sinks == null) {
            method.addCode(
                    "$N.done().close(); // $L: release every stage still sending\n", scope, why);
            return;
        }
        for (String in : inputNames) {
            method.addCode(
                    "$N.close(); // $L: leave $N, so that its upstream stops sending to it\n",
                    in,
                    why,
                    in);
        }
        method.addCode(
                "$N.sinkDone(); // the last sink to end closes done: release every stage still sending\n",
                sinks);
    }

    /** The names of {@code stage}'s input channels in the method being written. */
    private List<String> inputNames(StageDescriptor stage, Map<StageParameter.Kind, String> names) {
        return stage.isJoin()
                ? stage.ins().stream().map(in -> portNames.get(in.element())).toList()
                : List.of(names.get(StageParameter.Kind.IN));
    }

    /** The name of {@code port}'s outlet in the method being written. */
    private String outletName(Port port, Map<StageParameter.Kind, String> names) {
        return port.parameter() != null
                ? portNames.get(port.parameter())
                : names.get(StageParameter.Kind.OUT);
    }

    /** A map sends what the stage returns; a flat stage is handed {@code out} and sends itself. */
    private CodeBlock emit(
            StageDescriptor stage,
            Map<StageParameter.Kind, String> names,
            String value,
            String out) {
        if (stage.shape() == Shape.MAP) {
            CodeBlock result = invocation(stage, names, List.of(), value);
            if (!stage.method().getReturnType().getKind().isPrimitive()) {
                // a null result fails naming the map stage, where send could only name the thread
                result = CodeBlock.of("$T.returned($S, $L)", STAGE_SCOPE, stage.name(), result);
            }
            return CodeBlock.of("$N.send($L)", out, result);
        }
        return invocation(stage, names, List.of(), value);
    }

    /**
     * {@code Owner.stage(args)} or {@code owner.stage(args)}, each parameter given what it asks
     * for.
     */
    private CodeBlock invocation(
            StageDescriptor stage,
            Map<StageParameter.Kind, String> names,
            List<String> argumentNames,
            String value) {
        List<CodeBlock> arguments = new ArrayList<>();
        int argument = 0;
        for (StageParameter parameter : stage.parameters()) {
            String name =
                    switch (parameter.kind()) {
                        case ARGUMENT -> argumentNames.get(argument++);
                        case VALUE -> value;
                        case OUT, IN ->
                                portNames.getOrDefault(
                                        parameter.element(), names.get(parameter.kind()));
                        default -> names.get(parameter.kind());
                    };
            arguments.add(CodeBlock.of("$N", name));
        }
        CodeBlock joined = CodeBlock.join(arguments, ", ");
        return stage.isStatic()
                ? CodeBlock.of("$T.$N($L)", ownerType, stage.name(), joined)
                : CodeBlock.of("owner.$N($L)", stage.name(), joined);
    }

    private String valueName(StageDescriptor stage, NameAllocator locals) {
        return stage.inputParameter()
                .map(p -> locals.newName(p.name(), p))
                .orElseGet(() -> locals.newName("value"));
    }

    private StageDescriptor previous(StageDescriptor stage) {
        return model.stages().get(model.stages().indexOf(stage) - 1);
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

    static String bufferOption(StageDescriptor stage) {
        return stage.name() + "Buffer";
    }
}
