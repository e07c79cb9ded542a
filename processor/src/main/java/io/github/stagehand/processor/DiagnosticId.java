package io.github.stagehand.processor;

import java.util.Optional;
import javax.tools.Diagnostic.Kind;

/**
 * Every diagnostic the processor reports, in one place: its id, its kind and its rule, as
 * docs/errors.md's table states them (in Markdown, which the table renders). {@link Messages}
 * writes each message, starting with the bracketed id; {@link ErrorReporter} reports it with the
 * kind it has here. {@code ErrorCatalogueTest} checks that the table, this list and the messages
 * agree.
 */
enum DiagnosticId {
    StagePrivate(Kind.ERROR, "a stage method must not be private"),
    StageAbstract(Kind.ERROR, "a stage method must have a body"),
    StageGeneric(Kind.ERROR, "a stage method must not declare type parameters"),
    StageOwnerPrivate(
            Kind.ERROR, "the owner class (and every class it is nested in) must not be private"),
    StageOwnerLocal(
            Kind.ERROR,
            "the owner class must not be local or anonymous (javac hides such classes from processors, so Stagehand finds them in the syntax trees; it can do so only when javac runs it, that is when the compilation has some other `@Stage`)"),
    StageOwnerInner(Kind.ERROR, "a nested owner class must be static"),
    StageOwnerName(
            Kind.ERROR,
            "an owner class in the default package must not be named `Builder`, `Output` or `Result`, like the generated pipeline's nested classes"),
    StageOwnerGeneric(Kind.ERROR, "the owner class must not declare type parameters"),
    StageWorkers(Kind.ERROR, "`workers` must be at least 1"),
    StageBuffer(Kind.ERROR, "`buffer` must not be negative"),
    StageWorkersShape(Kind.ERROR, "only map, flat and stream stages may have more than one worker"),
    StageOrderedShape(Kind.ERROR, "only map and flat stages with one output may be `ordered`"),
    StageDuration(
            Kind.ERROR,
            "a duration (`linger`, `every`) is a positive whole number followed at once by `ns`, `us`, `ms`, `s`, `m` or `h`, such as `500ms`: no space, sign, fraction or zero, and at most 292 years"),
    StageRate(
            Kind.ERROR,
            "a `rate` is a positive whole number, a slash and `ms`, `s`, `m` or `h`, such as `100/s`"),
    StageBatch(Kind.ERROR, "`batch` must not be negative (0, the default, means no batches)"),
    StageLingerWithoutBatch(
            Kind.ERROR, "`linger` is how long a batch waits for more elements: only with `batch`"),
    StageBatchShape(
            Kind.ERROR,
            "a batch stage takes its input as one `List<T>` value: `R f(List<T> batch)`, `void f(List<T> batch, Out<R> out)` or the batch sink `void f(List<T> batch)`; not the head, not a stage that takes an `In`, not `ordered`"),
    StageBatchType(
            Kind.ERROR,
            "a batch stage's `List<T>` holds what the stage before it emits: `T` is that element type or a supertype of it"),
    StageEveryNotHead(Kind.ERROR, "`every` makes the head a poller: only the first stage has it"),
    StageRateOnHead(
            Kind.ERROR,
            "`rate` paces the stages after the head; a head paces itself with `every` or `Done.sleep`"),
    StageRawChannel(
            Kind.ERROR, "`In`/`Out` need a concrete element type: no raw type, no wildcard"),
    StageJoinArity(
            Kind.ERROR,
            "a join (a stream or sink stage with several `In`s) names one output per `In` in `from`"),
    StageHeadFrom(
            Kind.ERROR, "the head takes no `from`: its inputs are the arguments of `start`/`run`"),
    StageFromUnknown(
            Kind.ERROR,
            "a name in `from` must be an earlier stage or `stage.port`; the message suggests the nearest name"),
    StageFromLater(Kind.ERROR, "`from` names only stages declared earlier (no cycles)"),
    StageFromSink(Kind.ERROR, "a sink has no output to name in `from`"),
    StageFromDuplicate(Kind.ERROR, "a name appears once in one stage's `from`"),
    StageFromAmbiguous(
            Kind.ERROR,
            "a stage with several outputs is consumed by port: `from = \"split.errors\"`, also when `from` is left empty after it"),
    StageUnconsumedOutput(Kind.ERROR, "in a pipeline that ends in sinks, every output is consumed"),
    StageOpenEnds(
            Kind.ERROR, "a pipeline without sinks has exactly one output that no stage consumes"),
    StageOutAndReturn(Kind.ERROR, "a stage emits through `Out` or by returning, not both"),
    StageHeadShape(Kind.ERROR, "the first stage takes an `Out<R>` and no `In`"),
    StageSecondHead(
            Kind.ERROR,
            "one class holds one pipeline: a stage after the head that takes its `Out` before any value (`void f(Out<R> out, ...)`) is a second head; move it to its own class, or take the value first (`void f(T value, Out<R> out)`, a flat stage)"),
    StageInputCount(
            Kind.ERROR,
            "a stage after the head takes exactly one input: a value or an `In<T>` (a join takes several `In`s)"),
    StageEmitsNothing(
            Kind.ERROR,
            "a void stage after the head must take an `Out`, or be the last stage and take an `In<T>` (the void sink `void f(In<T> in)`)"),
    StageAfterSink(Kind.ERROR, "nothing may follow a sink in a chain"),
    StageDuplicateName(Kind.ERROR, "stage names in one class must be unique (no overloads)"),
    StageTypeMismatch(
            Kind.ERROR,
            "the two ends of every edge must agree on the element type: a map or flat stage's value parameter accepts a supertype, an `In<T>` names exactly the producer's element type; merged outputs have one element type"),
    StageCatchesCancel(
            Kind.WARNING,
            "a `catch` of `Throwable`, `Error` or `CancelledException` around a send, receive or iteration of the stage's own `In`/`Out` must rethrow, or the stage outlives `done` and `close()`/`run()` wait for it forever; `@SuppressWarnings(\"StageCatchesCancel\")` where the catch is meant (read from the syntax trees, so only under javac)"),
    StageUnresolvedType(
            Kind.ERROR,
            "a type in a stage's signature never resolved (checked again in every round, for types that other processors generate)"),
    StageRuntimeMissing(Kind.ERROR, "`stagehand-runtime` must be on the compile class path"),
    StageRuntimeVersion(
            Kind.ERROR,
            "`stagehand-runtime` and `stagehand-processor` must be the same version: the generated code calls the runtime's support for generated code (`io.github.stagehand.runtime.internal`), which changes between versions; the message names both"),
    StageTreeChecksSkipped(
            Kind.NOTE,
            "under a compiler without javac's syntax trees (Eclipse's), the two checks that read method bodies (`StageOwnerLocal`, `StageCatchesCancel`) are skipped, once per compilation; see [IDE setup](ide.md)"),
    StageWriteFailed(
            Kind.ERROR,
            "the generated source could not be written (the filer's I/O error is quoted)"),
    StageProcessorCrash(
            Kind.ERROR,
            "an unexpected exception inside Stagehand; reported on the owner class instead of a stack trace (please report it)"),
    BeamUnsupported(
            Kind.WARNING,
            "with Beam on the class path: a stage the Beam lowering cannot carry yet (a stream stage or a join with several outputs, a stage with `every` or `rate`); the in-process pipeline is written as always, no Beam class is"),
    BeamOwnerNotSerializable(
            Kind.WARNING,
            "instance stages lowered onto Beam need an owner that implements `Serializable`; implement it, or make the stages static"),
    BeamOrdered(
            Kind.WARNING,
            "an `ordered` stage is lowered onto Beam without its order; `@SuppressWarnings(\"BeamOrdered\")` on the stage where that is intended"),
    BeamNoCoder(
            Kind.WARNING,
            "a stage emits a type that Beam's default coders cannot encode, so Beam would refuse the graph as it is built"),
    BeamArgumentNotSerializable(
            Kind.WARNING,
            "a head argument that cannot be serialized, which on Beam travels to the head's worker; pass strings instead of paths, say");

    private final Kind kind;
    private final String rule;

    DiagnosticId(Kind kind, String rule) {
        this.kind = kind;
        this.rule = rule;
    }

    Kind kind() {
        return kind;
    }

    /** The rule, as docs/errors.md states it. */
    String rule() {
        return rule;
    }

    /**
     * The kind to report {@code message} with: its id's; an error for a message with no known id
     * (which {@code ErrorCatalogueTest} rules out).
     */
    static Kind kindOf(String message) {
        return of(message).map(DiagnosticId::kind).orElse(Kind.ERROR);
    }

    /** The id a message starts with ({@code "[StagePrivate] ..."}), if it is one of these. */
    static Optional<DiagnosticId> of(String message) {
        int end = message.indexOf(']');
        if (!message.startsWith("[") || end < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(message.substring(1, end)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
