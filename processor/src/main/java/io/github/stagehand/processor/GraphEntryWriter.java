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
 * What a pipeline graph adds to {@link PipelineWriter}'s class (docs/adr/0012): the entry point's
 * wiring, which makes each consumer's input channel and hands every stage its input and its outputs
 * (plain channels, {@code Tee}s, {@code FanIn} writers), the {@code Result} record of several
 * sinks, and the class Javadoc's list of edges. A chain is written by {@link PipelineWriter} alone,
 * as before graphs.
 */
final class GraphEntryWriter {
    private final PipelineModel model;
    private final Map<StageDescriptor, String> wiringNames;

    /** {@code wiringNames}: each stage's wiring method, as the pipeline writer names them. */
    GraphEntryWriter(PipelineModel model, Map<StageDescriptor, String> wiringNames) {
        this.model = model;
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
     * A graph's wiring, in the entry point: every stage's input channel (one per consumer: a tee
     * gives each consumer its own, a merge shares one), then each stage's wiring method in
     * declaration order, handed its input and its outputs. Returns the open end's channel, or null.
     */
    String wiring(
            MethodSpec.Builder method,
            NameAllocator locals,
            String scope,
            List<String> arguments,
            Map<StageDescriptor, String> values) {
        Map<StageDescriptor, String> inputs = new LinkedHashMap<>();
        Map<StageDescriptor, String> fanIns = new LinkedHashMap<>();
        Map<Edge, String> joined = new LinkedHashMap<>(); // a join's channel per input
        for (StageDescriptor stage : model.stages()) {
            List<Port> from = model.inputs(stage);
            if (from.isEmpty()) {
                continue;
            }
            if (stage.isJoin()) {
                for (int k = 0; k < from.size(); k++) {
                    Port port = from.get(k);
                    String channel =
                            locals.newName(
                                    stage.name()
                                            + Character.toUpperCase(
                                                    stage.ins().get(k).name().charAt(0))
                                            + stage.ins().get(k).name().substring(1));
                    joined.put(new Edge(port, stage), channel);
                    method.addStatement(
                            "$T $N = $N.channel($S, $N)",
                            ParameterizedTypeName.get(CHANNEL, TypeName.get(port.type())),
                            channel,
                            scope,
                            StageWiringWriter.channelName(
                                    List.of(port), stage.name() + "." + stage.ins().get(k).name()),
                            StageWiringWriter.bufferOption(port.stage()));
                }
                continue;
            }
            String in = locals.newName(stage.name() + "In");
            inputs.put(stage, in);
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
        }
        Port openEnd = model.openEnd();
        String output = null;
        if (openEnd != null) {
            output = locals.newName("output");
            method.addStatement(
                    "$T $N = $N.channel($S, $N)",
                    ParameterizedTypeName.get(CHANNEL, TypeName.get(openEnd.type())),
                    output,
                    scope,
                    StageWiringWriter.channelName(List.of(openEnd), "output"),
                    StageWiringWriter.bufferOption(openEnd.stage()));
        }
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
        for (StageDescriptor stage : model.stages()) {
            List<CodeBlock> call = new ArrayList<>();
            call.add(CodeBlock.of("$N", scope));
            if (stage == model.head()) {
                arguments.forEach(argument -> call.add(CodeBlock.of("$N", argument)));
            } else if (stage.isJoin()) {
                for (Port port : model.inputs(stage)) {
                    call.add(CodeBlock.of("$N", joined.get(new Edge(port, stage))));
                }
            } else {
                call.add(CodeBlock.of("$N", inputs.get(stage)));
            }
            boolean tee = false;
            for (Port port : stage.ports()) {
                List<CodeBlock> targets = new ArrayList<>();
                boolean mayLeave = false; // a sink or stream stage may end before its input does
                for (StageDescriptor consumer : model.consumers(port)) {
                    targets.add(
                            consumer.isJoin()
                                    ? CodeBlock.of("$N", joined.get(new Edge(port, consumer)))
                                    : fanIns.containsKey(consumer)
                                            ? CodeBlock.of("$N.writer()", fanIns.get(consumer))
                                            : CodeBlock.of("$N", inputs.get(consumer)));
                    mayLeave |= consumer.shape() == Shape.SINK || consumer.shape() == Shape.STREAM;
                }
                if (port.equals(openEnd)) {
                    targets.add(CodeBlock.of("$N", output));
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
            if (stage.shape() == Shape.SINK && !stage.isVoidSink()) {
                String value = locals.newName(stage.name());
                values.put(stage, value);
                method.addCode(
                        "$T $N = $L;$L\n",
                        StageWiringWriter.returnType(stage),
                        value,
                        invocation,
                        comment);
            } else {
                method.addCode("$L;$L\n", invocation, comment);
            }
        }
        return output;
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
