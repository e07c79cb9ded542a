package io.github.stagehand.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Generates {@code <Owner>Pipeline} for every class with {@code @Stage} methods. Thin on purpose,
 * in Dagger's order of phases, per owner class: validate the elements (the owner and the stage
 * names: {@link PipelineValidator}; each method: {@link StageMethodValidator}), build the model
 * once ({@link ModelBuilder}), validate the model (types and ends: {@link PipelineValidator}),
 * write ({@link PipelineWriter}, then each {@link PipelineExtension} whose engine is on the class
 * path), stopping at the first phase that reported an error. An owner whose signatures still hold
 * types that another processor has yet to generate is retried in the next round.
 */
@AutoService(Processor.class)
public final class StageProcessor extends AbstractProcessor {

    /** Owners whose signatures held unresolved types, by qualified name, to retry next round. */
    private final Set<String> deferred = new LinkedHashSet<>();

    private final Consumer<PipelineModel> beforeWrite;

    /** The runtime's version checked against ours: null until checked, then the error if any. */
    private Optional<String> versionMismatch;

    /** Whether this compilation was told that the checks on syntax trees are skipped. */
    private boolean treeChecksNoted;

    public StageProcessor() {
        this(model -> {});
    }

    /** For tests: {@code beforeWrite} runs on each valid model just before it is written. */
    StageProcessor(Consumer<PipelineModel> beforeWrite) {
        this.beforeWrite = beforeWrite;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // @Generated too: our own output carries it, and an unclaimed annotation is a -Xlint
        // warning
        return Set.of(RuntimeNames.STAGE, RuntimeNames.GENERATED);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        ErrorReporter reporter = new ErrorReporter(processingEnv.getMessager());
        if (round.processingOver()) {
            for (String name : deferred) {
                TypeElement owner = processingEnv.getElementUtils().getTypeElement(name);
                if (owner != null && !runtimeOnClassPath()) {
                    // In, Out and Done themselves are what is unresolved: say which dependency is
                    // missing
                    reporter.report(owner, Messages.runtimeMissing());
                    continue;
                }
                for (ExecutableElement stage :
                        owner == null ? List.<ExecutableElement>of() : stagesOf(owner)) {
                    // an attribute that never resolved already has javac's error on it
                    if (hasErrorTypes(stage) && !hasErroneousAttributes(stage)) {
                        reporter.report(
                                stage, Messages.unresolvedType(stage.getSimpleName().toString()));
                    }
                }
            }
            deferred.clear();
            return true;
        }
        TreeChecks treeChecks = TreeChecks.create(processingEnv);
        if (treeChecks.skippedBecause() != null && !treeChecksNoted && hasStage(annotations)) {
            // once per compilation, not per round or owner: it is the same for every file
            treeChecksNoted = true;
            reporter.report(Messages.treeChecksSkipped(treeChecks.skippedBecause()));
        }
        treeChecks.scanRound(round);
        Map<String, TypeElement> owners = new LinkedHashMap<>();
        for (String name : deferred) {
            TypeElement owner = processingEnv.getElementUtils().getTypeElement(name);
            if (owner != null) {
                owners.put(name, owner);
            }
        }
        deferred.clear();
        for (TypeElement annotation : annotations) {
            if (!annotation.getQualifiedName().contentEquals(RuntimeNames.STAGE)) {
                continue;
            }
            for (Element method : round.getElementsAnnotatedWith(annotation)) {
                Element enclosing = method.getEnclosingElement();
                if (method.getKind() == ElementKind.METHOD
                        && (enclosing.getKind().isClass() || enclosing.getKind().isInterface())) {
                    TypeElement owner = (TypeElement) enclosing;
                    owners.putIfAbsent(owner.getQualifiedName().toString(), owner);
                }
            }
        }
        for (TypeElement owner : owners.values()) {
            reporter.reset();
            try {
                process(owner, reporter, treeChecks);
            } catch (IOException e) {
                reporter.report(
                        owner,
                        Messages.writeFailed(
                                ModelBuilder.pipelineName(owner).toString(), e.getMessage()));
            } catch (RuntimeException | LinkageError | AssertionError e) {
                reporter.report(owner, Messages.crash(owner.getQualifiedName().toString(), e));
            }
        }
        return true; // @Stage is ours alone; claiming it keeps -Xlint:all quiet (docs/adr/0002)
    }

    /** {@code treeChecks} read stage bodies, where the compiler offers syntax trees. */
    private void process(TypeElement owner, ErrorReporter reporter, TreeChecks treeChecks)
            throws IOException {
        List<ExecutableElement> methods = stagesOf(owner);
        if (methods.stream()
                .anyMatch(method -> hasErrorTypes(method) || hasErroneousAttributes(method))) {
            deferred.add(owner.getQualifiedName().toString());
            return;
        }
        if (!runtimeOnClassPath()) {
            reporter.report(owner, Messages.runtimeMissing());
            return;
        }
        if (versionMismatch == null) {
            versionMismatch = RuntimeVersionCheck.mismatch(processingEnv.getElementUtils());
            // once per compilation, on the first owner: the class path is the same for all
            versionMismatch.ifPresent(message -> reporter.report(owner, message));
        }
        if (versionMismatch.isPresent()) {
            return; // the compile fails anyway; what would be generated calls another runtime
        }
        var types = processingEnv.getTypeUtils();
        var elements = processingEnv.getElementUtils();
        // validate the elements
        PipelineValidator pipelineValidator = new PipelineValidator(types, reporter);
        if (!pipelineValidator.validateOwner(owner)) {
            return;
        }
        StageMethodValidator methodValidator = new StageMethodValidator(types, elements, reporter);
        List<StageDescriptor> stages = new ArrayList<>();
        for (ExecutableElement method : methods) {
            methodValidator.validate(method, methods.get(0)).ifPresent(stages::add);
        }
        // warnings only: the bodies do not change what is generated
        stages.forEach(treeChecks::scanStage);
        if (reporter.hasErrors() || !pipelineValidator.validateNames(stages)) {
            return;
        }
        // build the model once, then validate it
        Optional<PipelineModel> model =
                new ModelBuilder(types, elements, reporter).build(owner, stages);
        if (model.isEmpty() || !pipelineValidator.validate(model.get())) {
            return;
        }
        // write
        beforeWrite.accept(model.get());
        PipelineWriter.write(model.get()).writeTo(processingEnv.getFiler());
        for (PipelineExtension extension : List.of(new BeamLowering(types, elements))) {
            if (extension.available()) {
                Optional<JavaFile> file = extension.write(model.get(), reporter);
                if (file.isPresent()) {
                    file.get().writeTo(processingEnv.getFiler());
                }
            }
        }
    }

    private static boolean hasStage(Set<? extends TypeElement> annotations) {
        return annotations.stream()
                .anyMatch(a -> a.getQualifiedName().contentEquals(RuntimeNames.STAGE));
    }

    private boolean runtimeOnClassPath() {
        return processingEnv.getElementUtils().getTypeElement(RuntimeNames.IN.canonicalName())
                != null;
    }

    /** The {@code @Stage} methods of {@code owner}, in declaration order. */
    private static List<ExecutableElement> stagesOf(TypeElement owner) {
        List<ExecutableElement> stages = new ArrayList<>();
        for (Element member : owner.getEnclosedElements()) {
            if (member.getKind() == ElementKind.METHOD && isStage(member)) {
                stages.add((ExecutableElement) member);
            }
        }
        return stages;
    }

    private static boolean isStage(Element method) {
        for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(RuntimeNames.STAGE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasErrorTypes(ExecutableElement method) {
        if (containsError(method.getReturnType())) {
            return true;
        }
        for (VariableElement parameter : method.getParameters()) {
            if (containsError(parameter.asType())) {
                return true;
            }
        }
        return method.getThrownTypes().stream().anyMatch(StageProcessor::containsError);
    }

    /**
     * Whether a {@code @Stage} attribute holds a value javac could not resolve, such as a constant
     * of a class not generated yet: javac then hands over a placeholder instead of an int or a
     * boolean. Such a stage is deferred like one with error types.
     */
    private static boolean hasErroneousAttributes(ExecutableElement method) {
        AnnotationMirror stage = StageMethodValidator.stageAnnotation(method);
        for (var entry : stage.getElementValues().entrySet()) {
            Object value = entry.getValue().getValue();
            boolean expected =
                    switch (entry.getKey().getSimpleName().toString()) {
                        case "workers", "buffer", "batch" -> value instanceof Integer;
                        case "linger", "every", "rate" -> value instanceof String;
                        case "ordered" -> value instanceof Boolean;
                        case "from" ->
                                value instanceof List<?> names
                                        && names.stream()
                                                .allMatch(
                                                        name ->
                                                                name instanceof AnnotationValue v
                                                                        && v.getValue()
                                                                                instanceof String);
                        default -> true;
                    };
            if (!expected) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsError(TypeMirror type) {
        return switch (type.getKind()) {
            case ERROR -> true;
            case DECLARED ->
                    ((DeclaredType) type)
                            .getTypeArguments().stream().anyMatch(StageProcessor::containsError);
            case ARRAY -> containsError(((ArrayType) type).getComponentType());
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                yield (wildcard.getExtendsBound() != null
                                && containsError(wildcard.getExtendsBound()))
                        || (wildcard.getSuperBound() != null
                                && containsError(wildcard.getSuperBound()));
            }
            default -> false;
        };
    }
}
