package io.github.stagehand.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes {@code <Owner>Beam} beside {@code <Owner>Pipeline} when Apache Beam and {@code
 * stagehand-beam} are on the compile class path: the same stages as one Beam graph, built on a
 * {@code Pipeline} the caller gives and runs on the engine it chooses (docs/adr/0015). Heads, map,
 * flat, stream and sink stages, joins, side outputs (heads and flat stages with several {@code
 * Out}s), tees, merges and batch stages (through Beam's {@code GroupIntoBatches}) are lowered; a
 * pipeline with anything else gets a {@code [BeamUnsupported]} warning and no Beam class.
 */
final class BeamWriter {
    private static final String BEAM = "io.github.stagehand.beam";
    static final ClassName STAGE_TRANSFORMS = ClassName.get(BEAM, "StageTransforms");
    private static final ClassName PIPELINE = ClassName.get("org.apache.beam.sdk", "Pipeline");
    private static final ClassName P_COLLECTION =
            ClassName.get("org.apache.beam.sdk.values", "PCollection");
    private static final ClassName P_COLLECTION_LIST =
            ClassName.get("org.apache.beam.sdk.values", "PCollectionList");
    private static final ClassName TYPE_DESCRIPTOR =
            ClassName.get("org.apache.beam.sdk.values", "TypeDescriptor");
    private static final ClassName P_COLLECTION_TUPLE =
            ClassName.get("org.apache.beam.sdk.values", "PCollectionTuple");
    private static final ClassName TUPLE_TAG =
            ClassName.get("org.apache.beam.sdk.values", "TupleTag");
    private static final ClassName PORTS = ClassName.get(BEAM, "Ports");
    private static final ClassName JOINED = ClassName.get(BEAM, "Joined");
    private static final ClassName FLATTEN =
            ClassName.get("org.apache.beam.sdk.transforms", "Flatten");
    private static final ClassName GENERATED = ClassName.bestGuess(RuntimeNames.GENERATED);

    private final PipelineModel model;
    private final Types types;

    private BeamWriter(PipelineModel model, Types types) {
        this.model = model;
        this.types = types;
    }

    /** Whether both Beam's SDK and {@code stagehand-beam} are on the class path being compiled. */
    static boolean available(Elements elements) {
        return elements.getTypeElement(STAGE_TRANSFORMS.canonicalName()) != null
                && elements.getTypeElement(PIPELINE.canonicalName()) != null;
    }

    static JavaFile write(PipelineModel model, Types types) {
        return new BeamWriter(model, types).file();
    }

    private JavaFile file() {
        ClassName pipeline = model.pipeline();
        String simple = pipeline.simpleName();
        ClassName beam =
                ClassName.get(
                        pipeline.packageName(),
                        simple.substring(0, simple.length() - "Pipeline".length()) + "Beam");
        TypeName ownerType = TypeName.get(model.owner().asType());
        NameAllocator locals = new NameAllocator();
        // expand's parameters, and its lambdas', which may not shadow a local
        for (String reserved :
                List.of(
                        "pipeline",
                        "owner",
                        "out",
                        "in",
                        "ins",
                        "value",
                        "batch",
                        "ports",
                        "once")) {
            locals.newName(reserved);
        }
        MethodSpec.Builder expand =
                MethodSpec.methodBuilder("expand")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addParameter(PIPELINE, "pipeline");
        if (model.needsOwnerInstance()) {
            expand.addParameter(ParameterSpec.builder(ownerType, "owner", Modifier.FINAL).build());
        }
        StageDescriptor head = model.head();
        Map<StageParameter, String> arguments = new LinkedHashMap<>();
        for (StageParameter parameter : head.parameters()) {
            if (parameter.kind() == StageParameter.Kind.ARGUMENT) {
                String name = locals.newName(parameter.name());
                arguments.put(parameter, name);
                expand.addParameter(
                        ParameterSpec.builder(
                                        TypeName.get(parameter.element().asType()),
                                        name,
                                        Modifier.FINAL)
                                .build());
            }
        }
        Map<Port, String> outputs = new LinkedHashMap<>();
        Map<StageDescriptor, String> values = new LinkedHashMap<>();
        for (StageDescriptor stage : model.stages()) {
            String target = model.needsOwnerInstance() && !stage.isStatic() ? "owner" : "$T";
            if (stage.ports().size() > 1) {
                ports(stage, target, ownerType, arguments, outputs, expand, locals);
                continue;
            }
            if (stage.isJoin()) {
                join(stage, target, ownerType, arguments, outputs, values, expand, locals);
                continue;
            }
            if (stage.isVoidSink() && stage.isBatch()) {
                expand.addStatement(
                        "$L.apply($T.batchEach($S, $L, ($T batch) -> $L))",
                        input(stage, outputs, expand, locals),
                        STAGE_TRANSFORMS,
                        stage.name(),
                        batching(stage),
                        batchList(stage),
                        call(stage, target, ownerType, arguments));
                continue;
            }
            if (stage.isVoidSink()) {
                expand.addStatement(
                        "$L.apply($T.each($S, ($T<$T> in) -> $L))",
                        input(stage, outputs, expand, locals),
                        STAGE_TRANSFORMS,
                        stage.name(),
                        RuntimeNames.IN,
                        TypeName.get(stage.input()),
                        call(stage, target, ownerType, arguments));
                continue;
            }
            String variable = locals.newName(stage.name());
            TypeName element =
                    stage.shape() == Shape.SINK
                            ? boxed(stage.output())
                            : TypeName.get(stage.ports().get(0).type());
            CodeBlock descriptor = CodeBlock.of("new $T<$T>() {}", TYPE_DESCRIPTOR, element);
            CodeBlock call = call(stage, target, ownerType, arguments);
            if (stage.shape() == Shape.HEAD) {
                expand.addStatement(
                        "$T $N = pipeline.apply($T.head($S, $L, out -> $L))",
                        ParameterizedTypeName.get(P_COLLECTION, element),
                        variable,
                        STAGE_TRANSFORMS,
                        stage.name(),
                        descriptor,
                        call);
            } else {
                CodeBlock input = input(stage, outputs, expand, locals);
                TypeName in = stage.isBatch() ? batchList(stage) : TypeName.get(stage.input());
                String value = stage.isBatch() ? "batch" : "value";
                CodeBlock lambda =
                        switch (stage.shape()) {
                            case MAP -> CodeBlock.of("($T $L) -> $L", in, value, call);
                            case FLAT ->
                                    CodeBlock.of(
                                            "($T $L, $T<$T> out) -> $L",
                                            in,
                                            value,
                                            RuntimeNames.OUT,
                                            element,
                                            call);
                            case STREAM ->
                                    CodeBlock.of(
                                            "($T<$T> in, $T<$T> out) -> $L",
                                            RuntimeNames.IN,
                                            in,
                                            RuntimeNames.OUT,
                                            element,
                                            call);
                            default -> CodeBlock.of("($T<$T> in) -> $L", RuntimeNames.IN, in, call);
                        };
                // a batch map or flat stage: batchMap or batchFlat, with the batches' size and
                // linger
                expand.addStatement(
                        "$T $N = $L.apply($T.$L($S, $L$L, $L))",
                        ParameterizedTypeName.get(P_COLLECTION, element),
                        variable,
                        input,
                        STAGE_TRANSFORMS,
                        stage.isBatch()
                                ? stage.shape() == Shape.MAP ? "batchMap" : "batchFlat"
                                : stage.shape().toString(),
                        stage.name(),
                        stage.isBatch() ? CodeBlock.of("$L, ", batching(stage)) : "",
                        descriptor,
                        lambda);
            }
            if (stage.shape() == Shape.SINK) {
                values.put(stage, variable);
            } else {
                outputs.put(stage.ports().get(0), variable);
            }
        }
        // what the caller gets: each sink's one-element output and the open end, if any
        List<CodeBlock> results = new ArrayList<>();
        List<ParameterSpec> components = new ArrayList<>();
        for (Map.Entry<StageDescriptor, String> sink : values.entrySet()) {
            results.add(CodeBlock.of("$N", sink.getValue()));
            components.add(
                    ParameterSpec.builder(
                                    ParameterizedTypeName.get(
                                            P_COLLECTION, boxed(sink.getKey().output())),
                                    sink.getKey().name())
                            .build());
        }
        Port openEnd = model.openEnd();
        if (openEnd != null) {
            results.add(CodeBlock.of("$N", outputs.get(openEnd)));
            components.add(
                    ParameterSpec.builder(
                                    ParameterizedTypeName.get(
                                            P_COLLECTION, TypeName.get(openEnd.type())),
                                    "output")
                            .build());
        }
        TypeSpec.Builder type =
                TypeSpec.classBuilder(beam)
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .addAnnotation(
                                AnnotationSpec.builder(GENERATED)
                                        .addMember(
                                                "value",
                                                "$S",
                                                "io.github.stagehand.processor.StageProcessor")
                                        .build())
                        .addJavadoc(
                                "The stages of {@link $T} as an Apache Beam graph: build it on a {@code Pipeline}, then run\n"
                                        + "that on the runner you choose. Order is not kept, {@code workers} is left to the runner,\n"
                                        + "a sink sees its whole input on one worker, and a stage may run more than once for the same\n"
                                        + "element when the runner retries.\n",
                                model.owner())
                        .addJavadoc(
                                model.stages().stream().anyMatch(StageDescriptor::isBatch)
                                        ? "<p>A batch stage's batches are made by Beam's {@code GroupIntoBatches}, per shard of its input\n"
                                                + "rather than per worker, and its linger is in the runner's processing time.\n"
                                        : "")
                        .addMethod(
                                MethodSpec.constructorBuilder()
                                        .addModifiers(Modifier.PRIVATE)
                                        .build());
        if (components.isEmpty()) {
            expand.addJavadoc(
                    "Applies the stages to {@code pipeline}; its sinks run for their effects.\n");
        } else if (components.size() == 1) {
            expand.returns(components.get(0).type()).addStatement("return $L", results.get(0));
            expand.addJavadoc(
                    "Applies the stages to {@code pipeline} and returns $L.\n",
                    openEnd != null
                            ? "the last stage's output"
                            : "the sink's value, the one element of its output");
        } else {
            ClassName result = beam.nestedClass("Outputs");
            type.addType(
                    TypeSpec.recordBuilder(result)
                            .addModifiers(Modifier.PUBLIC)
                            .recordConstructor(
                                    MethodSpec.constructorBuilder()
                                            .addParameters(components)
                                            .build())
                            .build());
            expand.returns(result)
                    .addStatement("return new $T($L)", result, CodeBlock.join(results, ", "))
                    .addJavadoc(
                            "Applies the stages to {@code pipeline} and returns each sink's output.\n");
        }
        type.addMethod(expand.build());
        return JavaFile.builder(beam.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /**
     * A join: every input whole on one worker, through {@code StageTransforms.join}, each {@code
     * In} parameter bound to its input in order.
     */
    private void join(
            StageDescriptor stage,
            String target,
            TypeName ownerType,
            Map<StageParameter, String> arguments,
            Map<Port, String> outputs,
            Map<StageDescriptor, String> values,
            MethodSpec.Builder expand,
            NameAllocator locals) {
        TypeName element =
                stage.shape() == Shape.STREAM
                        ? TypeName.get(stage.ports().get(0).type())
                        : stage.isVoidSink() ? ClassName.get(Void.class) : boxed(stage.output());
        List<CodeBlock> inputs = new ArrayList<>();
        for (Port port : model.inputs(stage)) {
            inputs.add(CodeBlock.of("$N", outputs.get(port)));
        }
        CodeBlock call = call(stage, target, ownerType, arguments);
        CodeBlock body =
                stage.shape() == Shape.SINK && !stage.isVoidSink()
                        ? call
                        : CodeBlock.of("{\n$>$L;\nreturn null;\n$<}", call);
        String variable = locals.newName(stage.name());
        expand.addStatement(
                "$T $N = pipeline.apply($T.join($S, new $T<$T>() {}, $T.<$T<?>>of($L), ($T ins, $T<$T> out) -> $L))",
                ParameterizedTypeName.get(P_COLLECTION, element),
                variable,
                STAGE_TRANSFORMS,
                stage.name(),
                TYPE_DESCRIPTOR,
                element,
                List.class,
                P_COLLECTION,
                CodeBlock.join(inputs, ", "),
                JOINED,
                RuntimeNames.OUT,
                element,
                body);
        if (stage.shape() == Shape.STREAM) {
            outputs.put(stage.ports().get(0), variable);
        } else if (!stage.isVoidSink()) {
            values.put(stage, variable);
        }
    }

    /**
     * A head or flat stage with several outputs: one tag per {@code Out}, in parameter order, a
     * {@code ParDo} with them all, and one collection per port taken from its tuple.
     */
    private void ports(
            StageDescriptor stage,
            String target,
            TypeName ownerType,
            Map<StageParameter, String> arguments,
            Map<Port, String> outputs,
            MethodSpec.Builder expand,
            NameAllocator locals) {
        List<CodeBlock> tags = new ArrayList<>();
        List<String> tagNames = new ArrayList<>();
        for (Port port : stage.ports()) {
            String tag = locals.newName(stage.name() + "_" + port.simpleName() + "Tag");
            TypeName element = TypeName.get(port.type());
            expand.addStatement(
                    "$T $N = new $T<$T>($S) {}",
                    ParameterizedTypeName.get(TUPLE_TAG, element),
                    tag,
                    TUPLE_TAG,
                    element,
                    port.simpleName());
            tags.add(CodeBlock.of("$N", tag));
            tagNames.add(tag);
        }
        CodeBlock tagList =
                CodeBlock.of("$T.<$T<?>>of($L)", List.class, TUPLE_TAG, CodeBlock.join(tags, ", "));
        CodeBlock call = call(stage, target, ownerType, arguments);
        String tuple = locals.newName(stage.name());
        if (stage.shape() == Shape.HEAD) {
            expand.addStatement(
                    "$T $N = pipeline.apply($T.headPorts($S, $L, ($T once, $T ports) -> $L))",
                    P_COLLECTION_TUPLE,
                    tuple,
                    STAGE_TRANSFORMS,
                    stage.name(),
                    tagList,
                    Integer.class,
                    PORTS,
                    call);
        } else if (stage.isBatch()) {
            CodeBlock input = input(stage, outputs, expand, locals);
            expand.addStatement(
                    "$T $N = $L.apply($T.batchPorts($S, $L, $L, ($T batch, $T ports) -> $L))",
                    P_COLLECTION_TUPLE,
                    tuple,
                    input,
                    STAGE_TRANSFORMS,
                    stage.name(),
                    batching(stage),
                    tagList,
                    batchList(stage),
                    PORTS,
                    call);
        } else {
            CodeBlock input = input(stage, outputs, expand, locals);
            expand.addStatement(
                    "$T $N = $L.apply($T.ports($S, $L, ($T value, $T ports) -> $L))",
                    P_COLLECTION_TUPLE,
                    tuple,
                    input,
                    STAGE_TRANSFORMS,
                    stage.name(),
                    tagList,
                    TypeName.get(stage.input()),
                    PORTS,
                    call);
        }
        for (int i = 0; i < stage.ports().size(); i++) {
            Port port = stage.ports().get(i);
            String variable = locals.newName(stage.name() + "_" + port.simpleName());
            expand.addStatement(
                    "$T $N = $N.get($N)",
                    ParameterizedTypeName.get(P_COLLECTION, TypeName.get(port.type())),
                    variable,
                    tuple,
                    tagNames.get(i));
            outputs.put(port, variable);
        }
    }

    /**
     * The stage's input: its one producer's collection, or the producers' collections flattened.
     */
    private CodeBlock input(
            StageDescriptor stage,
            Map<Port, String> outputs,
            MethodSpec.Builder expand,
            NameAllocator locals) {
        List<Port> from = model.inputs(stage);
        if (from.size() == 1) {
            return CodeBlock.of("$N", outputs.get(from.get(0)));
        }
        String merged = locals.newName(stage.name() + "In");
        CodeBlock list = CodeBlock.of("$T.of($N)", P_COLLECTION_LIST, outputs.get(from.get(0)));
        for (Port port : from.subList(1, from.size())) {
            list = CodeBlock.of("$L.and($N)", list, outputs.get(port));
        }
        expand.addStatement(
                "$T $N = $L.apply($S, $T.pCollections())",
                ParameterizedTypeName.get(P_COLLECTION, TypeName.get(from.get(0).type())),
                merged,
                list,
                stage.name() + " merge",
                FLATTEN);
        return CodeBlock.of("$N", merged);
    }

    /** The call of the stage method, its parameters bound to the lambda's and the run's. */
    private static CodeBlock call(
            StageDescriptor stage,
            String target,
            TypeName owner,
            Map<StageParameter, String> arguments) {
        List<CodeBlock> args = new ArrayList<>();
        boolean several = stage.ports().size() > 1;
        int port = 0;
        int in = 0;
        for (StageParameter parameter : stage.parameters()) {
            args.add(
                    switch (parameter.kind()) {
                        case OUT ->
                                several
                                        ? CodeBlock.of("ports.get($L)", port++)
                                        : CodeBlock.of("out");
                        case IN ->
                                stage.isJoin()
                                        ? CodeBlock.of("ins.get($L)", in++)
                                        : CodeBlock.of("in");
                        case VALUE -> CodeBlock.of(stage.isBatch() ? "batch" : "value");
                        case ARGUMENT -> CodeBlock.of("$N", arguments.get(parameter));
                        case DONE -> CodeBlock.of("$T.done()", STAGE_TRANSFORMS);
                        default ->
                                throw new IllegalStateException(
                                        parameter.kind() + " is not lowered");
                    });
        }
        CodeBlock joined = CodeBlock.join(args, ", ");
        return target.equals("owner")
                ? CodeBlock.of("owner.$N($L)", stage.name(), joined)
                : CodeBlock.of("$T.$N($L)", owner, stage.name(), joined);
    }

    /**
     * A batch stage's batches, as {@code StageTransforms}' batch transforms take them: the most
     * elements in one ({@code batch}) and the linger ({@code Duration.ZERO} for none).
     */
    private static CodeBlock batching(StageDescriptor stage) {
        return CodeBlock.of(
                "$L, $L",
                stage.batch(),
                stage.linger() == null
                        ? CodeBlock.of("$T.ZERO", Duration.class)
                        : stage.linger().code());
    }

    /**
     * The {@code List<T>} a batch stage's lambda takes: its own {@code T}, or, for a wildcard or a
     * raw {@code List}, what its input carries, which its list accepts.
     */
    private TypeName batchList(StageDescriptor stage) {
        TypeMirror element =
                stage.input() != null ? stage.input() : model.inputs(stage).get(0).type();
        return ParameterizedTypeName.get(ClassName.get(List.class), TypeName.get(element));
    }

    private TypeName boxed(TypeMirror type) {
        return type.getKind().isPrimitive()
                ? TypeName.get(types.boxedClass((PrimitiveType) type).asType())
                : TypeName.get(type);
    }
}
