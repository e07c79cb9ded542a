package io.github.stagehand.processor;

import java.util.List;

/**
 * Every diagnostic the processor reports: a bracketed id, the rule, and how to fix it. The README's
 * error catalogue lists the same ids.
 */
final class Messages {
    private Messages() {}

    static String privateStage(String stage) {
        return "[StagePrivate] @Stage method "
                + stage
                + " is private; the generated pipeline calls"
                + " it from another class. Make it package-private or public";
    }

    static String abstractStage(String stage) {
        return "[StageAbstract] @Stage method "
                + stage
                + " is abstract; a stage needs a body that"
                + " does the work. Give it one, or move @Stage to the implementing method";
    }

    static String genericStage(String stage) {
        return "[StageGeneric] @Stage method "
                + stage
                + " declares type parameters; the channel"
                + " element types must be known when the pipeline is generated. Use concrete types";
    }

    /** {@code privateClass} is {@code owner} itself or a class it is nested in. */
    static String ownerPrivate(String owner, String privateClass, String pipeline) {
        String why =
                owner.equals(privateClass)
                        ? "is private"
                        : "is nested in the private class " + privateClass;
        return "[StageOwnerPrivate] class "
                + owner
                + " holding @Stage methods "
                + why
                + "; the"
                + " generated "
                + pipeline
                + " cannot reach it. Make "
                + privateClass
                + " package-private or public";
    }

    static String ownerLocal(String owner) {
        return "[StageOwnerLocal] @Stage methods are declared in a local or anonymous class ("
                + owner
                + "); nothing outside its block can name it. Move them to a top-level or"
                + " static nested class";
    }

    static String ownerInner(String owner) {
        return "[StageOwnerInner] class "
                + owner
                + " holding @Stage methods is an inner class; the"
                + " generated pipeline could not create or name it without its outer instance. Make"
                + " it static";
    }

    static String ownerName(String owner) {
        return "[StageOwnerName] class "
                + owner
                + " is in the default package and named like a class"
                + " nested in its generated pipeline ("
                + owner
                + "Pipeline."
                + owner
                + "), which would hide it"
                + " from the generated code. Move it into a package, or rename it";
    }

    static String ownerGeneric(String owner) {
        return "[StageOwnerGeneric] class "
                + owner
                + " holding @Stage methods declares type"
                + " parameters; the generated pipeline needs concrete element types. Move the stages"
                + " to a class without type parameters";
    }

    static String workers(String stage, int workers) {
        return "[StageWorkers] "
                + stage
                + " has workers = "
                + workers
                + "; a stage needs at least"
                + " one worker. Use workers = 1 or more";
    }

    static String buffer(String stage, int buffer) {
        return "[StageBuffer] "
                + stage
                + " has buffer = "
                + buffer
                + "; a channel's capacity"
                + " cannot be negative. Use 0 (unbuffered, Go's default) or more";
    }

    static String workersShape(String stage, String shape) {
        return "[StageWorkersShape] "
                + stage
                + " is a "
                + shape
                + " stage with more than one"
                + " worker; each worker would run the whole "
                + shape
                + ". Use workers = 1, or make"
                + " it a map, flat or stream stage";
    }

    static String orderedShape(String stage, String shape) {
        return "[StageOrderedShape] "
                + stage
                + " is a "
                + shape
                + " stage with ordered = true;"
                + " only map and flat stages see one input at a time and can keep its order. Remove"
                + " ordered";
    }

    /**
     * {@code attribute} ({@code linger} or {@code every}) is {@code value}, which is no positive
     * duration.
     */
    static String duration(String stage, String attribute, String value) {
        return "[StageDuration] "
                + stage
                + " has "
                + attribute
                + " = \""
                + value
                + "\", which is not a positive duration; a duration is a whole number followed at"
                + " once by ns, us, ms, s, m or h, and above zero (at most 292 years). Write it as"
                + " \"500ms\", \"1s\" or \"5m\"";
    }

    static String rate(String stage, String value) {
        return "[StageRate] "
                + stage
                + " has rate = \""
                + value
                + "\", which is not a rate; a rate is a whole number of elements above zero, a"
                + " slash and a unit of ms, s, m or h. Write it as \"100/s\" or \"5/m\"";
    }

    static String batch(String stage, int batch) {
        return "[StageBatch] "
                + stage
                + " has batch = "
                + batch
                + "; a batch holds at least one element. Use batch = 1 or more, or leave batch out"
                + " for a stage without batches";
    }

    static String lingerWithoutBatch(String stage) {
        return "[StageLingerWithoutBatch] "
                + stage
                + " has a linger but no batch; linger is how long a batch waits for more"
                + " elements. Set batch = n too and take a List<T>, or remove linger";
    }

    /** {@code why} says what is wrong, {@code fix} what to do; both end without a full stop. */
    static String batchShape(String stage, String why, String fix) {
        return "[StageBatchShape] "
                + stage
                + " has batch set, but "
                + why
                + "; a batch stage takes its input as one List<T> value: R "
                + stage
                + "(List<T> batch) maps batches, void "
                + stage
                + "(List<T> batch, Out<R> out) sends for them, void "
                + stage
                + "(List<T> batch) consumes them (a sink). "
                + fix;
    }

    static String batchType(String stage, String takes, String previous, String emits) {
        return "[StageBatchType] "
                + stage
                + " takes "
                + takes
                + " but "
                + previous
                + " emits "
                + emits
                + "; a batch stage's List<T> holds what the stage before it emits, so T is that"
                + " type or a supertype of it. Write List<"
                + emits
                + ">, or change "
                + previous
                + "'s output";
    }

    static String everyNotHead(String stage, String head) {
        return "[StageEveryNotHead] "
                + stage
                + " has every, but only the head is called on a schedule (a poller), and "
                + head
                + " is this pipeline's head. Move every to "
                + head
                + ", or pace "
                + stage
                + " with a rate";
    }

    static String rateOnHead(String stage) {
        return "[StageRateOnHead] "
                + stage
                + " is the head and has a rate; a rate paces the calls of the stages a head"
                + " feeds. Pace the head itself with every = \"...\" (a poller) or with"
                + " done.sleep(...) between sends, or put the rate on the stage after it";
    }

    static String rawChannel(String stage, String param) {
        return "[StageRawChannel] parameter "
                + param
                + " of "
                + stage
                + " has no concrete element"
                + " type; the generated channel needs one. Write In<T> or Out<T> with a type such"
                + " as In<String>, not a raw type or a wildcard";
    }

    static String orderedPorts(String stage) {
        return "[StageOrderedShape] "
                + stage
                + " has ordered = true and several Out parameters; order is kept for a stage"
                + " with one output. Remove ordered, or give each output its own stage";
    }

    static String outAndReturn(String stage) {
        return "[StageOutAndReturn] "
                + stage
                + " takes Out and also returns a value; a stage emits"
                + " either through Out (head, flat, stream) or by returning (map, sink). Make it"
                + " void, or drop the Out parameter";
    }

    static String headShape(String stage) {
        return "[StageHeadShape] "
                + stage
                + " is the first stage, the head, so it must emit through"
                + " an Out<R> parameter and take no In (nothing comes before it). Write it as void "
                + stage
                + "(Out<R> out, ...inputs); a poller, @Stage(every = \"5s\"), may return its"
                + " value instead: R "
                + stage
                + "(...inputs)";
    }

    static String secondHead(String stage, String head) {
        return "[StageSecondHead] "
                + stage
                + " takes an Out before any value, which makes it a head, but "
                + head
                + " is already the head of this class and one class holds one pipeline. Move "
                + stage
                + " to its own class (a static nested class works), or, to make it a flat stage"
                + " that follows the others, take the value first: void "
                + stage
                + "(T value, Out<R> out)";
    }

    static String inputCount(String stage) {
        return "[StageInputCount] "
                + stage
                + " must take exactly one input: a value T (map, flat)"
                + " or an In<T> (stream, sink), besides an optional Out and Done. Keep one input"
                + " parameter and pass the rest through the head";
    }

    static String emitsNothing(String stage) {
        return "[StageEmitsNothing] "
                + stage
                + " is void and takes no Out, so it emits nothing to"
                + " the next stage. Return a value (map), take an Out<R> (flat, stream), or, as the"
                + " last stage, take the stream as an In<T> (a sink: R "
                + stage
                + "(In<T> in) returns the pipeline's result, void "
                + stage
                + "(In<T> in) consumes it)";
    }

    static String afterSink(String stage, String sink) {
        return "[StageAfterSink] "
                + stage
                + " comes after the sink "
                + sink
                + ", which consumes the"
                + " stream and ends the pipeline. Move the sink last, or make it a stream stage";
    }

    static String duplicateName(String stage) {
        return "[StageDuplicateName] there is already a stage named "
                + stage
                + " in this class;"
                + " stage names name threads and builder options, so they must be unique. Rename"
                + " one of them";
    }

    /** A mismatch at a map or flat stage's value parameter of type {@code takes}. */
    static String typeMismatch(String stage, String takes, String previous, String emits) {
        return mismatch(stage, takes, previous, emits)
                + "; neighbouring stages must agree on the element type. Change "
                + stage
                + "'s input or "
                + previous
                + "'s output";
    }

    /** A mismatch at an {@code In<takes>}, which only the very type {@code emits} fits. */
    static String inTypeMismatch(String stage, String takes, String previous, String emits) {
        return mismatch(stage, "In<" + takes + ">", previous, emits)
                + "; an In<T> names exactly the previous stage's element type, because the"
                + " generated code hands it that stage's channel (only a map or flat stage's value"
                + " parameter accepts a supertype). Write In<"
                + emits
                + ">, or change "
                + previous
                + "'s output";
    }

    private static String mismatch(String stage, String takes, String previous, String emits) {
        return "[StageTypeMismatch] "
                + stage
                + " takes "
                + takes
                + " but "
                + previous
                + " emits "
                + emits;
    }

    /** {@code caught} is the type as written; {@code operation} what it encloses, as written. */
    static String catchesCancel(String stage, String caught, String operation) {
        return "[StageCatchesCancel] "
                + stage
                + " catches "
                + caught
                + " around "
                + operation
                + " and does not rethrow it; catching Throwable, Error or CancelledException there"
                + " also catches the CancelledException that ends the stage when done closes, so"
                + " the stage carries on and the pipeline's close() or run() waits for it forever."
                + " Catch the specific exceptions you expect (for example IOException), or rethrow"
                + " cancellation first: catch (CancelledException e) { throw e; }. If the catch is"
                + " meant, put @SuppressWarnings(\"StageCatchesCancel\") on the stage";
    }

    static String joinArity(String stage, int ins, List<String> from) {
        return "[StageJoinArity] "
                + stage
                + " takes "
                + ins
                + " In parameters, a join, but from names "
                + (from.isEmpty() ? "none" : from.size() + " (" + String.join(", ", from) + ")")
                + "; a join binds its Ins, in order, to the names in from, one each. Name "
                + ins
                + " outputs in from, or take one In";
    }

    static String headFrom(String stage) {
        return "[StageHeadFrom] "
                + stage
                + " is the head, whose inputs are the arguments of start(...) or run(...), so it"
                + " cannot consume another stage's output. Remove from, or move "
                + stage
                + " after the head";
    }

    static String fromUnknown(String stage, String name, String nearest) {
        return "[StageFromUnknown] "
                + stage
                + " names \""
                + name
                + "\" in from, which is no stage or output declared before it; from names an"
                + " earlier stage, or stage.port for one of a stage's several outputs."
                + (nearest != null ? " Did you mean \"" + nearest + "\"?" : " Fix the name");
    }

    static String fromLater(String stage, String name) {
        return "[StageFromLater] "
                + stage
                + " names \""
                + name
                + "\" in from, which is declared after it (or is "
                + stage
                + " itself); a stage consumes only outputs declared before it, so that declaration"
                + " order is a topological order and a pipeline has no cycles. Move the producer"
                + " before "
                + stage;
    }

    static String fromSink(String stage, String sink) {
        return "[StageFromSink] "
                + stage
                + " names the sink "
                + sink
                + " in from, but a sink has no output: its value is what run(...) returns."
                + " Name the stage that feeds "
                + sink
                + " instead, which then feeds both";
    }

    static String fromDuplicate(String stage, String name) {
        return "[StageFromDuplicate] "
                + stage
                + " names \""
                + name
                + "\" twice in from; each output is consumed once per stage. Remove the repeat";
    }

    static String fromAmbiguous(
            String stage, String producer, List<String> ports, boolean implicit) {
        return "[StageFromAmbiguous] "
                + stage
                + (implicit ? " has no from, so it consumes the previous stage " : " names ")
                + producer
                + ", which has several outputs ("
                + String.join(", ", ports)
                + "); name the one it consumes: @Stage(from = \""
                + ports.get(0)
                + "\")";
    }

    static String unconsumedOutput(String port, List<String> sinks) {
        return "[StageUnconsumedOutput] the output "
                + port
                + " is consumed by no stage, while the pipeline ends in "
                + (sinks.size() == 1 ? "the sink " : "the sinks ")
                + String.join(", ", sinks)
                + "; every output but a pipeline's one open end must be consumed. Add a stage with"
                + " from = \""
                + port
                + "\", or remove the output";
    }

    static String openEnds(List<String> ports) {
        return "[StageOpenEnds] the pipeline has no sink and several outputs that no stage"
                + " consumes ("
                + String.join(", ", ports)
                + "); start(...) returns exactly one open end. End the others in sinks, or"
                + " consume them";
    }

    static String mergeTypes(
            String stage, String first, String firstType, String other, String otherType) {
        return "[StageTypeMismatch] "
                + stage
                + " merges "
                + first
                + ", which emits "
                + firstType
                + ", and "
                + other
                + ", which emits "
                + otherType
                + "; the outputs merged into one input must have the same element type. Change"
                + " one of them, or add a map stage that converts it";
    }

    static String unresolvedType(String stage) {
        return "[StageUnresolvedType] a type in the signature of "
                + stage
                + " could not be"
                + " resolved, so its pipeline was not generated. Fix the missing type or import";
    }

    static String runtimeMissing() {
        return "[StageRuntimeMissing] io.github.stagehand.runtime is not on the compile class path;"
                + " stage signatures use its In, Out and Done. Add the stagehand-runtime dependency";
    }

    static String crash(String owner, Throwable t) {
        return "[StageProcessorCrash] Stagehand failed on "
                + owner
                + " with "
                + t
                + "; no pipeline was generated for it. This is a bug in Stagehand: please report it"
                + " with this class";
    }

    static String beamUnsupported(String pipeline, String stage, String why) {
        return "[BeamUnsupported] no Beam graph is generated for "
                + pipeline
                + ": its stage "
                + stage
                + " cannot be lowered onto Beam, because "
                + why
                + ". The in-process pipeline is generated as always. Beam lowers heads, map, flat,"
                + " stream, sink and batch stages, joins, side outputs, tees and merges, without"
                + " every or rate (docs/scale-out.md)";
    }

    static String beamOwnerNotSerializable(String owner) {
        return "[BeamOwnerNotSerializable] no Beam graph is generated for "
                + owner
                + ": its instance stages run on Beam's workers, which get the owner serialized,"
                + " and "
                + owner
                + " does not implement java.io.Serializable. Implement it (and keep the fields"
                + " the stages use serializable), or make the stages static";
    }

    static String beamOrdered(String stage) {
        return "[BeamOrdered] "
                + stage
                + " is ordered, and Beam keeps no order between elements: on Beam its outputs"
                + " arrive in any order. Sort where order matters, in a sink, or suppress this with"
                + " @SuppressWarnings(\"BeamOrdered\") on the stage";
    }

    static String beamNoCoder(String pipeline, String stage, String type) {
        return "[BeamNoCoder] no Beam graph is generated for "
                + pipeline
                + ": stage "
                + stage
                + " emits "
                + type
                + ", which Beam has no coder for, so Beam would refuse the graph as it is built."
                + " Make the type implement java.io.Serializable, give it a coder with"
                + " @DefaultCoder, or emit a type Beam encodes (a primitive, String, byte[], or a"
                + " List, Set or Map of those)";
    }

    static String beamArgumentNotSerializable(
            String pipeline, String stage, String parameter, String type) {
        return "[BeamArgumentNotSerializable] no Beam graph is generated for "
                + pipeline
                + ": the head "
                + stage
                + " takes "
                + parameter
                + " of type "
                + type
                + ", and on Beam the head's arguments travel to its worker serialized. Pass"
                + " something serializable instead (for a path, its String)";
    }

    /** A note, once per compilation, where the compiler offers no syntax trees (not an error). */
    static String treeChecksSkipped(String why) {
        return "[StageTreeChecksSkipped] Stagehand skipped the checks that read method bodies,"
                + " because "
                + why
                + ": [StageOwnerLocal] (@Stage methods in a local or anonymous class) and"
                + " [StageCatchesCancel] (a catch that swallows the cancellation of a send or"
                + " receive). They need javac's syntax trees (com.sun.source.util.Trees); every"
                + " other check runs and the same pipelines are generated. Your javac build"
                + " (Maven, Gradle) runs them";
    }

    /** {@code runtime} is a version or, for a runtime without a version, what it is instead. */
    static String runtimeVersion(String runtime, String processor) {
        return "[StageRuntimeVersion] stagehand-runtime on the compile class path is "
                + runtime
                + ", but stagehand-processor is "
                + processor
                + "; the generated pipelines call the runtime of the processor's own version, and"
                + " would fail at run time with NoSuchMethodError against another. Use the same"
                + " version of stagehand-runtime and stagehand-processor (one property for both"
                + " in your build)";
    }

    static String writeFailed(String pipeline, String why) {
        return "[StageWriteFailed] could not write " + pipeline + ": " + why;
    }
}
