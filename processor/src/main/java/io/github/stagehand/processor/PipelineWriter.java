package io.github.stagehand.processor;

import static io.github.stagehand.processor.RuntimeNames.CHANNEL;
import static io.github.stagehand.processor.RuntimeNames.FAILURES;
import static io.github.stagehand.processor.RuntimeNames.OUTPUT_CHANNEL;
import static io.github.stagehand.processor.RuntimeNames.PIPELINE_BUILDER;
import static io.github.stagehand.processor.RuntimeNames.STAGE_SCOPE;
import static javax.lang.model.element.Modifier.PRIVATE;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
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
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/**
 * Writes {@code <Owner>Pipeline}: static {@code start}/{@code run} shortcuts, a {@code Builder}
 * with the run-time options and one private wiring method per stage (Go's {@code gen}, {@code sq},
 * {@code merge}), and, for a pipeline without a sink, the {@code Output} handle. The entry point's
 * wiring and a graph's {@code Result} record come from {@link EntryWiringWriter}, the wiring
 * methods from {@link StageWiringWriter}, both wiring each edge as the {@link EdgePlan} decides.
 */
final class PipelineWriter {
    static final String PROCESSOR = "io.github.stagehand.processor.StageProcessor";
    private static final ClassName GENERATED = ClassName.bestGuess(RuntimeNames.GENERATED);

    /**
     * InterruptedException and its supertypes: javac's -Xlint:try warns at every try-with-resources
     * over an AutoCloseable whose close() declares one of them.
     */
    private static final Set<String> MAY_BE_INTERRUPTED =
            Set.of("java.lang.InterruptedException", "java.lang.Exception", "java.lang.Throwable");

    private final PipelineModel model;
    private final ClassName pipeline;
    private final ClassName builder;
    private final ClassName output;
    private final ClassName result;
    private final TypeName ownerType;

    /** Builder members: options, the owner, the wiring methods; public names first. */
    private final NameAllocator members = new NameAllocator();

    private final Map<StageDescriptor, String> wiringNames = new LinkedHashMap<>();
    private final StageWiringWriter wiring;
    private final EntryWiringWriter entryWiring;

    private PipelineWriter(PipelineModel model) {
        this.model = model;
        this.pipeline = model.pipeline();
        this.builder = pipeline.nestedClass("Builder");
        this.output = pipeline.nestedClass("Output");
        this.result = pipeline.nestedClass("Result");
        this.ownerType = TypeName.get(model.owner().asType());
        EdgePlan plan = new EdgePlan(model);
        this.wiring = new StageWiringWriter(model, plan);
        this.entryWiring = new EntryWiringWriter(model, plan, wiring, wiringNames);
        for (String reserved :
                List.of(
                        "start",
                        "run",
                        "parent",
                        "deadline",
                        "timeout",
                        "gracePeriod",
                        "stats",
                        "owner")) {
            members.newName(reserved, reserved);
        }
        for (StageDescriptor stage : model.stages()) {
            for (String option : StageWiringWriter.options(stage)) {
                members.newName(option, option);
            }
        }
        for (StageDescriptor stage : model.stages()) {
            wiringNames.put(stage, members.newName(stage.name()));
        }
    }

    static JavaFile write(PipelineModel model) {
        return new PipelineWriter(model).file();
    }

    private JavaFile file() {
        TypeSpec.Builder type =
                TypeSpec.classBuilder(pipeline)
                        .addOriginatingElement(model.owner())
                        .addAnnotation(
                                AnnotationSpec.builder(GENERATED)
                                        .addMember("value", "$S", PROCESSOR)
                                        .build())
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .addJavadoc(classJavadoc())
                        .addMethod(
                                MethodSpec.constructorBuilder()
                                        .addModifiers(Modifier.PRIVATE)
                                        .build())
                        .addMethod(builderFactory())
                        .addMethod(shortcut())
                        .addType(builderType());
        if (callsDeprecated()) {
            // the pipeline has to call what its owner deprecated; the warning belongs to the owner
            type.addAnnotation(
                    AnnotationSpec.builder(SuppressWarnings.class)
                            .addMember("value", "{$S, $S}", "deprecation", "removal")
                            .build());
        }
        if (!model.hasSink()) {
            type.addType(outputType());
        }
        if (model.hasResultRecord()) {
            type.addType(entryWiring.resultType(result));
        }
        return JavaFile.builder(pipeline.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /**
     * Whether the owner or a stage method is {@code @Deprecated}, which the generated calls would
     * warn about.
     */
    private boolean callsDeprecated() {
        return model.owner().getAnnotation(Deprecated.class) != null
                || model.stages().stream()
                        .anyMatch(stage -> stage.method().getAnnotation(Deprecated.class) != null);
    }

    private CodeBlock classJavadoc() {
        List<String> names = model.stages().stream().map(StageDescriptor::name).toList();
        CodeBlock.Builder doc = CodeBlock.builder();
        if (model.isChain()) {
            doc.add(
                    "The pipeline of {@link $T}'s stages: $L.\n\n",
                    ownerType,
                    String.join(" \u2192 ", names));
        } else {
            doc.add(
                    "The pipeline graph of {@link $T}'s stages: $L.\n\n",
                    ownerType,
                    entryWiring.edges());
        }
        doc.add(
                "<p>Each stage worker runs on its own virtual thread, named {@code $L.<stage>#<worker>}; "
                        + "neighbours are joined by channels; one {@code done} reaches every send and receive "
                        + "and is closed on every way out.\n",
                pipeline.simpleName());
        return doc.build();
    }

    // ---- the pipeline class ------------------------------------------------------------------

    private MethodSpec builderFactory() {
        MethodSpec.Builder method =
                MethodSpec.methodBuilder("builder")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(builder)
                        .addJavadoc(
                                "Run-time options: per-stage workers and buffers, a parent {@code done}, a deadline.\n");
        if (model.needsOwnerInstance()) {
            method.addParameter(ownerType, "owner").addStatement("return new $T(owner)", builder);
        } else {
            method.addStatement("return new $T()", builder);
        }
        return method.build();
    }

    /** {@code start(args)} or {@code run(args)} with the defaults of every {@code @Stage}. */
    private MethodSpec shortcut() {
        MethodSpec entry = entryPoint();
        MethodSpec.Builder method =
                MethodSpec.methodBuilder(entry.name())
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(entry.returnType())
                        .addExceptions(entry.exceptions())
                        .varargs(entry.varargs())
                        .addJavadoc(entry.javadoc())
                        .addJavadoc(
                                "\n<p>The same as {@code builder($L).$L(...)}.\n",
                                model.needsOwnerInstance() ? "owner" : "",
                                entry.name());
        List<String> arguments = new ArrayList<>();
        if (model.needsOwnerInstance()) {
            method.addParameter(ownerType, "owner");
        }
        for (ParameterSpec parameter : entry.parameters()) {
            method.addParameter(parameter);
            arguments.add(parameter.name());
        }
        return method.addStatement(
                        (entry.returnType().equals(TypeName.VOID) ? "" : "return ")
                                + "builder($L).$N($L)",
                        model.needsOwnerInstance() ? "owner" : "",
                        entry.name(),
                        String.join(", ", arguments))
                .build();
    }

    // ---- the builder -------------------------------------------------------------------------

    private TypeSpec builderType() {
        TypeSpec.Builder type =
                TypeSpec.classBuilder(builder)
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .superclass(ParameterizedTypeName.get(PIPELINE_BUILDER, builder))
                        .addJavadoc(
                                "Run-time options of {@link $T}: its stages' own, each starting at its {@code @Stage} "
                                        + "value, and from {@link $T} the run-wide ones (a parent {@code done}, a "
                                        + "deadline or timeout, the grace period, statistics).\n",
                                pipeline,
                                PIPELINE_BUILDER);
        MethodSpec.Builder constructor =
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
        if (model.needsOwnerInstance()) {
            type.addField(ownerType, "owner", Modifier.PRIVATE, Modifier.FINAL);
            constructor
                    .addParameter(ownerType, "owner")
                    .addStatement(
                            "this.owner = $T.requireNonNull(owner, $S)", Objects.class, "owner");
        }
        for (StageDescriptor stage : model.stages()) {
            if (stage.allowsWorkers()) {
                type.addField(
                        FieldSpec.builder(
                                        int.class,
                                        StageWiringWriter.workersOption(stage),
                                        Modifier.PRIVATE)
                                .initializer("$L", stage.workers())
                                .build());
            }
            if (stage.shape() != Shape.SINK) {
                type.addField(
                        FieldSpec.builder(
                                        int.class,
                                        StageWiringWriter.bufferOption(stage),
                                        Modifier.PRIVATE)
                                .initializer("$L", stage.buffer())
                                .build());
            }
            timeFields(type, stage);
        }
        type.addMethod(constructor.build());
        for (StageDescriptor stage : model.stages()) {
            if (stage.allowsWorkers()) {
                type.addMethod(
                        option(
                                StageWiringWriter.workersOption(stage),
                                1,
                                "How many workers run $N (default $L); they share its input and are merged into one output.\n",
                                stage.name(),
                                stage.workers()));
            }
            if (stage.shape() != Shape.SINK) {
                type.addMethod(
                        option(
                                StageWiringWriter.bufferOption(stage),
                                0,
                                "Capacity of $N's outbound channel (default $L; 0 is unbuffered).\n",
                                stage.name(),
                                stage.buffer()));
            }
            timeOptions(type, stage);
        }
        type.addMethod(entryPoint());
        for (StageDescriptor stage : model.stages()) {
            type.addMethod(wiring.write(stage, wiringNames.get(stage)));
        }
        return type.build();
    }

    private MethodSpec option(String name, int minimum, String javadoc, Object... args) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(int.class, name)
                .addJavadoc(javadoc, args)
                .beginControlFlow("if ($N < $L)", name, minimum)
                .addStatement(
                        "throw new $T($S + $N)",
                        IllegalArgumentException.class,
                        name + (minimum == 1 ? " must be at least 1: " : " must not be negative: "),
                        name)
                .endControlFlow()
                .addStatement("this.$N = $N", name, name)
                .addStatement("return this")
                .build();
    }

    /** The fields of {@code stage}'s time attributes: its batch, linger, period and rate. */
    private static void timeFields(TypeSpec.Builder type, StageDescriptor stage) {
        if (stage.isBatch()) {
            type.addField(
                    FieldSpec.builder(int.class, StageWiringWriter.batchOption(stage), PRIVATE)
                            .initializer("$L", stage.batch())
                            .build());
            type.addField(
                    FieldSpec.builder(
                                    Duration.class, StageWiringWriter.lingerOption(stage), PRIVATE)
                            .initializer(
                                    stage.linger() == null
                                            ? CodeBlock.of("$T.ZERO", Duration.class)
                                            : stage.linger().code())
                            .build());
        }
        if (stage.every() != null) {
            type.addField(
                    FieldSpec.builder(Duration.class, StageWiringWriter.everyOption(stage), PRIVATE)
                            .initializer(stage.every().code())
                            .build());
        }
        if (stage.rate() != null) {
            type.addField(
                    FieldSpec.builder(long.class, StageWiringWriter.rateElements(stage), PRIVATE)
                            .initializer("$L", stage.rate().elements())
                            .build());
            type.addField(
                    FieldSpec.builder(Duration.class, StageWiringWriter.ratePer(stage), PRIVATE)
                            .initializer(stage.rate().per().code())
                            .build());
        }
    }

    /** The builder's options for {@code stage}'s time attributes. */
    private void timeOptions(TypeSpec.Builder type, StageDescriptor stage) {
        if (stage.isBatch()) {
            type.addMethod(
                    option(
                            StageWiringWriter.batchOption(stage),
                            1,
                            "The most elements in one batch of $N (default $L).\n",
                            stage.name(),
                            stage.batch()));
            String linger = StageWiringWriter.lingerOption(stage);
            type.addMethod(
                    MethodSpec.methodBuilder(linger)
                            .addModifiers(Modifier.PUBLIC)
                            .returns(builder)
                            .addParameter(Duration.class, linger)
                            .addJavadoc(
                                    "How long a batch of $N waits for more elements once its worker took its first (default $L); "
                                            + "{@link $T#ZERO} for no linger: a batch is handed over full, or at the end of the input.\n",
                                    stage.name(),
                                    stage.linger() == null ? "none" : stage.linger().toString(),
                                    Duration.class)
                            .beginControlFlow("if ($N.isNegative())", linger)
                            .addStatement(
                                    "throw new $T($S + $N)",
                                    IllegalArgumentException.class,
                                    linger + " must not be negative: ",
                                    linger)
                            .endControlFlow()
                            .addStatement("this.$N = $N", linger, linger)
                            .addStatement("return this")
                            .build());
        }
        if (stage.every() != null) {
            String every = StageWiringWriter.everyOption(stage);
            type.addMethod(
                    MethodSpec.methodBuilder(every)
                            .addModifiers(Modifier.PUBLIC)
                            .returns(builder)
                            .addParameter(Duration.class, every)
                            .addJavadoc(
                                    "How often $N is called, the first time when the run starts (default $L).\n",
                                    stage.name(),
                                    stage.every().toString())
                            .beginControlFlow("if ($N.isNegative() || $N.isZero())", every, every)
                            .addStatement(
                                    "throw new $T($S + $N)",
                                    IllegalArgumentException.class,
                                    every + " must be positive: ",
                                    every)
                            .endControlFlow()
                            .addStatement("this.$N = $N", every, every)
                            .addStatement("return this")
                            .build());
        }
        if (stage.rate() != null) {
            String rate = StageWiringWriter.rateOption(stage);
            String elements = StageWiringWriter.rateElements(stage);
            String per = StageWiringWriter.ratePer(stage);
            type.addMethod(
                    MethodSpec.methodBuilder(rate)
                            .addModifiers(Modifier.PUBLIC)
                            .returns(builder)
                            .addParameter(long.class, "elements")
                            .addParameter(Duration.class, "per")
                            .addJavadoc(
                                    "At most {@code elements} calls of $N per {@code per}, its workers together (default $L).\n",
                                    stage.name(),
                                    stage.rate().toString())
                            .beginControlFlow("if (elements < 1)")
                            .addStatement(
                                    "throw new $T($S + elements)",
                                    IllegalArgumentException.class,
                                    rate + " needs at least 1 element: ")
                            .endControlFlow()
                            .beginControlFlow("if (per.isNegative() || per.isZero())")
                            .addStatement(
                                    "throw new $T($S + per)",
                                    IllegalArgumentException.class,
                                    rate + "'s period must be positive: ")
                            .endControlFlow()
                            .addStatement("this.$N = elements", elements)
                            .addStatement("this.$N = per", per)
                            .addStatement("return this")
                            .build());
        }
    }

    /** The builder's {@code start(args)} or {@code run(args)}: Go's {@code main}. */
    private MethodSpec entryPoint() {
        StageDescriptor head = model.head();
        // names the body and the static shortcut use for fields and classes: an argument or a stage
        // of the same name must not shadow them (an argument "deadline" would become the deadline)
        NameAllocator locals = StageWiringWriter.reserved("owner", "Failures", "StageScope");
        MethodSpec.Builder method =
                MethodSpec.methodBuilder(model.hasSink() ? "run" : "start")
                        .addModifiers(Modifier.PUBLIC)
                        .varargs(head.method().isVarArgs());
        List<String> arguments = new ArrayList<>();
        for (StageParameter parameter : head.parameters()) {
            if (parameter.kind() == StageParameter.Kind.ARGUMENT) {
                String name = locals.newName(parameter.name(), parameter);
                method.addParameter(TypeName.get(parameter.element().asType()), name);
                arguments.add(name);
            }
        }
        String scope = locals.newName("scope");
        method.addCode(
                "$T $N = $T.open($S, this); // done := make(chan struct{}), closed by this builder's parent and deadline too\n",
                STAGE_SCOPE,
                scope,
                STAGE_SCOPE,
                pipeline.simpleName());
        Map<StageDescriptor, String> values = new LinkedHashMap<>(); // each sink's SinkValue
        String last = entryWiring.wiring(method, locals, scope, arguments, values);
        if (model.hasSink()) {
            List<StageDescriptor> valueSinks = model.valueSinks();
            String failure = locals.newName("failure");
            method.returns(runType());
            if (model.hasResultRecord()) {
                method.addJavadoc(
                        "Runs the pipeline to the end and returns what each sink returned, in a {@link $T}.\n\n",
                        result);
            } else if (valueSinks.isEmpty()) {
                method.addJavadoc(
                        "Runs the pipeline to the end: $L every element.\n\n",
                        model.sinks().stream()
                                        .map(sink -> "{@code " + sink.name() + "}")
                                        .collect(java.util.stream.Collectors.joining(" and "))
                                + (model.sinks().size() == 1 ? " consumes" : " consume"));
            } else {
                method.addJavadoc(
                        "Runs the pipeline to the end and returns what {@code $N} returned.\n\n",
                        valueSinks.get(0).name());
            }
            method.addJavadoc(
                            "<p>Blocks until every stage thread has ended. The first stage failure is rethrown as "
                                    + "itself, with later ones suppressed; a parent, deadline or interrupt that cancels the run "
                                    + "gives a {@link java.util.concurrent.CancellationException} whose cause says which.\n")
                    .addStatement("$T $N = $N.join()", Throwable.class, failure, scope)
                    .addCode(
                            "// every stage thread has ended and done is closed: defer close(done)\n");
            rethrow(method, locals, failure, false);
            if (model.hasResultRecord()) {
                method.addStatement(
                        "return new $T($L)",
                        result,
                        valueSinks.stream()
                                .map(sink -> CodeBlock.of("$N.get()", values.get(sink)))
                                .collect(CodeBlock.joining(", ")));
            } else if (!valueSinks.isEmpty()) {
                method.addStatement("return $N.get()", values.get(valueSinks.get(0)));
            }
        } else {
            method.returns(output)
                    .addJavadoc(
                            "Starts the pipeline and returns its last channel; close it, best with "
                                    + "try-with-resources, to close {@code done} and wait for every stage thread.\n")
                    .addStatement("return new $T($N, $N)", output, scope, last);
        }
        return method.build();
    }

    /** What {@code run(...)} returns: the one value sink's type, {@code Result}, or void. */
    private TypeName runType() {
        List<StageDescriptor> valueSinks = model.valueSinks();
        if (model.hasResultRecord()) {
            return result;
        }
        return valueSinks.isEmpty() ? TypeName.VOID : TypeName.get(valueSinks.get(0).output());
    }

    /**
     * Rethrows {@code failure} as itself: the declared checked types, then anything unchecked. An
     * output's {@code close()} declares neither {@code InterruptedException} nor a supertype of it
     * ({@code Exception}, {@code Throwable}): javac's {@code -Xlint:try} would warn at every
     * try-with-resources over the output. A stage's {@code InterruptedException} reaches it as a
     * {@code CancellationException} (see {@code PipelineOutput.closeAndJoin}), and when a stage
     * declares {@code Exception} or {@code Throwable}, {@code close()} throws any failure as itself
     * without declaring it ({@code Failures.throwAsItself}; docs/adr/0003).
     */
    private void rethrow(
            MethodSpec.Builder method, NameAllocator locals, String failure, boolean closeable) {
        boolean undeclared = false;
        for (TypeMirror checked : model.checkedExceptions()) {
            if (closeable && MAY_BE_INTERRUPTED.contains(checked.toString())) {
                undeclared |= !checked.toString().equals("java.lang.InterruptedException");
                continue;
            }
            TypeName type = TypeName.get(checked);
            String name = locals.clone().newName("e");
            method.addException(type)
                    .beginControlFlow("if ($N instanceof $T $N)", failure, type, name)
                    .addStatement("throw $N", name)
                    .endControlFlow();
        }
        method.addStatement(
                "$T.$N($N)", FAILURES, undeclared ? "throwAsItself" : "throwUnchecked", failure);
    }

    // ---- the output handle -------------------------------------------------------------------

    private TypeSpec outputType() {
        TypeName element = TypeName.get(model.openEnd().type());
        MethodSpec.Builder close =
                MethodSpec.methodBuilder("close")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc(
                                "Closes {@code done} (Go's {@code defer close(done)}), waits for every stage thread, and "
                                        + "rethrows the first stage failure as itself (unless {@code receive()} already threw it as itself), "
                                        + "or a {@link java.util.concurrent.CancellationException} "
                                        + "if a parent, deadline or interrupt cancelled the run or a stage was interrupted.\n");
        NameAllocator locals = new NameAllocator();
        String failure = locals.newName("failure");
        close.addStatement("$T $N = closeAndJoin()", Throwable.class, failure);
        rethrow(close, locals, failure, true);
        TypeSpec.Builder type = TypeSpec.classBuilder(output);
        return type.addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(OUTPUT_CHANNEL, element))
                .addJavadoc(
                        "The last channel of a running {@link $T}: receive or iterate it, then close it. "
                                + "A failed or cancelled run ends the stream by throwing, never as if it were complete.\n",
                        pipeline)
                .addMethod(
                        MethodSpec.constructorBuilder()
                                .addModifiers(Modifier.PRIVATE)
                                .addParameter(STAGE_SCOPE, "scope")
                                .addParameter(ParameterizedTypeName.get(CHANNEL, element), "last")
                                .addStatement("super(scope, last)")
                                .build())
                .addMethod(close.build())
                .build();
    }
}
