package io.github.stagehand.processor;

import static io.github.stagehand.processor.RuntimeNames.CHANNEL;
import static io.github.stagehand.processor.RuntimeNames.FAN_IN;
import static io.github.stagehand.processor.RuntimeNames.SINKS;
import static io.github.stagehand.processor.RuntimeNames.TEE;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The entry point's wiring, Go's {@code main}: for each stage in declaration order, a call of its
 * wiring method, handed its input and its outlets. Edges the {@link EdgePlan} gives to their
 * producer come back from that call (a chain is nothing else, and reads like the blog); the others
 * are made first: each consumer's input channel, a {@code FanIn} where several producers feed it,
 * and the outlets into them (the channel itself or a {@code Tee}). Also the {@code Result} record
 * of several sinks, and the class Javadoc's list of edges.
 */
final class EntryWiringWriter {
    private final PipelineModel model;
    private final EdgePlan plan;
    private final StageWiringWriter stages;
    private final Map<StageDescriptor, String> wiringNames;

    /** {@code wiringNames}: each stage's wiring method, as the pipeline writer names them. */
    EntryWiringWriter(
            PipelineModel model,
            EdgePlan plan,
            StageWiringWriter stages,
            Map<StageDescriptor, String> wiringNames) {
        this.model = model;
        this.plan = plan;
        this.stages = stages;
        this.wiringNames = wiringNames;
    }

    /** Each output and the stages it feeds, in declaration order, for the class Javadoc. */
    String edges() {
        List<String> edges = new ArrayList<>();
        for (StageDescriptor stage : model.stages()) {
            for (Port port : stage.ports()) {
                List<String> consumers =
                        model.consumers(port).stream().map(StageDescriptor::name).toList();
                edges.add(
                        port.name()
                                + " \u2192 "
                                + (consumers.isEmpty()
                                        ? "the output"
                                        : String.join(", ", consumers)));
            }
        }
        return String.join("; ", edges);
    }

    /**
     * The wiring, in the entry point: each stage's wiring method in declaration order, each call
     * preceded by the channels it sends to that its producer does not own (Go's {@code make(chan
     * T)} next to the goroutine that sends on it). Puts each sink's value holder in {@code values},
     * and returns the local holding the open end's channel, or null when there are sinks.
     */
    String wiring(
            MethodSpec.Builder method,
            NameAllocator locals,
            String scope,
            List<String> arguments,
            Map<StageDescriptor, String> values) {
        Channels channels = new Channels(method, locals, scope);
        String sinks = null;
        if (model.sinks().size() > 1) {
            sinks = locals.newName("sinks");
            method.addCode(
                    "$T $N = new $T($N.done(), $L); // the last sink to end closes done\n",
                    SINKS,
                    sinks,
                    SINKS,
                    scope,
                    model.sinks().size());
        }
        Port openEnd = model.openEnd();
        Map<StageDescriptor, String> owned = new LinkedHashMap<>(); // the channels stages return
        for (StageDescriptor stage : model.stages()) {
            List<CodeBlock> call = new ArrayList<>();
            call.add(CodeBlock.of("$N", scope));
            if (stage == model.head()) {
                arguments.forEach(argument -> call.add(CodeBlock.of("$N", argument)));
            } else if (stage.isJoin()) {
                for (Port port : model.inputs(stage)) {
                    call.add(CodeBlock.of("$N", channels.joined.get(new Edge(port, stage))));
                }
            } else if (plan.ownedInput(stage)) {
                call.add(CodeBlock.of("$N", owned.get(model.inputs(stage).get(0).stage())));
            } else {
                call.add(CodeBlock.of("$N", channels.inputs.get(stage)));
            }
            boolean tee = false;
            for (Port port : plan.ownsOutput(stage) ? List.<Port>of() : stage.ports()) {
                List<CodeBlock> targets = new ArrayList<>();
                boolean mayLeave = false; // a sink or stream stage may end before its input does
                for (StageDescriptor consumer : model.consumers(port)) {
                    targets.add(channels.into(port, consumer));
                    mayLeave |= consumer.mayEndEarly();
                }
                if (port.equals(openEnd)) {
                    targets.add(CodeBlock.of("$N", channels.output(openEnd)));
                }
                if (targets.size() == 1 && !mayLeave) {
                    call.add(targets.get(0));
                } else {
                    // a Tee skips a consumer that left; with one branch it only does that
                    tee |= targets.size() > 1;
                    call.add(
                            CodeBlock.of(
                                    "new $T<>($N.done(), $L)",
                                    TEE,
                                    scope,
                                    CodeBlock.join(targets, ", ")));
                }
            }
            if (stage.shape() == Shape.SINK && sinks != null) {
                call.add(CodeBlock.of("$N", sinks));
            }
            CodeBlock invocation =
                    CodeBlock.of("$N($L)", wiringNames.get(stage), CodeBlock.join(call, ", "));
            String comment = tee ? " // tee: every consumer gets every value" : "";
            TypeName returned = stages.wiringType(stage);
            if (returned.equals(TypeName.VOID)) {
                method.addCode("$L;$L\n", invocation, comment);
            } else {
                String local = locals.newName(stage.name());
                (stage.shape() == Shape.SINK ? values : owned).put(stage, local);
                method.addCode("$T $N = $L;$L\n", returned, local, invocation, comment);
            }
        }
        if (openEnd == null) {
            return null;
        }
        return plan.owned(openEnd) ? owned.get(openEnd.stage()) : channels.output(openEnd);
    }

    /**
     * The channels of the entry point that no producer owns, each made the first time a producer
     * needs it: a consumer's input (with its {@code FanIn} when several producers feed it), a
     * join's input per edge, and the open end's output.
     */
    private final class Channels {
        final MethodSpec.Builder method;
        final NameAllocator locals;
        final String scope;
        final Map<StageDescriptor, String> inputs = new LinkedHashMap<>();
        final Map<StageDescriptor, String> fanIns = new LinkedHashMap<>();
        final Map<Edge, String> joined = new LinkedHashMap<>(); // a join's channel per input
        String output;

        Channels(MethodSpec.Builder method, NameAllocator locals, String scope) {
            this.method = method;
            this.locals = locals;
            this.scope = scope;
        }

        /** What {@code port} sends to for {@code consumer}: its channel, or a fan-in's writer. */
        CodeBlock into(Port port, StageDescriptor consumer) {
            if (consumer.isJoin()) {
                return CodeBlock.of(
                        "$N", joined.computeIfAbsent(new Edge(port, consumer), this::join));
            }
            String in = inputs.computeIfAbsent(consumer, this::input);
            return fanIns.containsKey(consumer)
                    ? CodeBlock.of("$N.writer()", fanIns.get(consumer))
                    : CodeBlock.of("$N", in);
        }

        private String join(Edge edge) {
            StageDescriptor stage = edge.to();
            int k = model.inputs(stage).indexOf(edge.from());
            String in = stage.ins().get(k).name();
            String channel =
                    locals.newName(
                            stage.name() + Character.toUpperCase(in.charAt(0)) + in.substring(1));
            method.addStatement(
                    "$T $N = $N.channel($S, $N)",
                    ParameterizedTypeName.get(CHANNEL, TypeName.get(edge.from().type())),
                    channel,
                    scope,
                    StageWiringWriter.channelName(List.of(edge.from()), stage.name() + "." + in),
                    StageWiringWriter.bufferOption(edge.from().stage()));
            return channel;
        }

        private String input(StageDescriptor stage) {
            List<Port> from = model.inputs(stage);
            String in = locals.newName(stage.name() + "In");
            // the largest of the producers' buffers, each producer once
            List<String> buffers =
                    from.stream()
                            .map(port -> StageWiringWriter.bufferOption(port.stage()))
                            .distinct()
                            .toList();
            CodeBlock capacity = CodeBlock.of("$N", buffers.get(0));
            for (String buffer : buffers.subList(1, buffers.size())) {
                capacity = CodeBlock.of("$T.max($L, $N)", Math.class, capacity, buffer);
            }
            TypeName element = TypeName.get(from.get(0).type());
            method.addStatement(
                    "$T $N = $N.channel($S, $L)",
                    ParameterizedTypeName.get(CHANNEL, element),
                    in,
                    scope,
                    StageWiringWriter.channelName(from, stage.name()),
                    capacity);
            if (from.size() > 1) {
                String fanIn = locals.newName(stage.name() + "Merge");
                fanIns.put(stage, fanIn);
                method.addCode(
                        "$T $N = new $T<>($N, $L); // merge: the last upstream to end closes $N\n",
                        ParameterizedTypeName.get(FAN_IN, element),
                        fanIn,
                        FAN_IN,
                        in,
                        from.size(),
                        in);
            }
            return in;
        }

        /** The open end's channel, which {@code start(...)} returns. */
        String output(Port openEnd) {
            if (output == null) {
                output = locals.newName("output");
                method.addStatement(
                        "$T $N = $N.channel($S, $N)",
                        ParameterizedTypeName.get(CHANNEL, TypeName.get(openEnd.type())),
                        output,
                        scope,
                        StageWiringWriter.channelName(List.of(openEnd), "output"),
                        StageWiringWriter.bufferOption(openEnd.stage()));
            }
            return output;
        }
    }

    /** {@code Result}: one component per sink that returns a value, named after it. */
    TypeSpec resultType(ClassName result) {
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        for (StageDescriptor sink : model.valueSinks()) {
            constructor.addParameter(TypeName.get(sink.output()), sink.name());
        }
        return TypeSpec.recordBuilder(result)
                .addModifiers(Modifier.PUBLIC)
                .recordConstructor(constructor.build())
                .addJavadoc(
                        "What each sink of {@link $T} returned, in declaration order.\n",
                        model.pipeline())
                .build();
    }
}
