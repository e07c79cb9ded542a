package io.github.stagehand.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A pipeline's graph, built once by {@link ModelBuilder} and read by the validation passes and the
 * writers: the owner class, its stages in declaration order (a topological order), and the edges
 * between them. Immutable; everything else is derived from these.
 *
 * @param edges every output-to-stage edge, in the order of the consuming stages and their {@code
 *     from}
 * @param checkedExceptions the stages' checked exceptions, none a subtype of another, in the order
 *     first declared: what {@code run(...)} and the output's {@code close()} declare
 */
record PipelineModel(
        TypeElement owner,
        ClassName pipeline,
        List<StageDescriptor> stages,
        List<Edge> edges,
        List<TypeMirror> checkedExceptions) {

    StageDescriptor head() {
        return stages.get(0);
    }

    StageDescriptor last() {
        return stages.get(stages.size() - 1);
    }

    /** Whether the pipeline ends in sinks, so that it gets {@code run(...)}. */
    boolean hasSink() {
        return stages.stream().anyMatch(stage -> stage.shape() == Shape.SINK);
    }

    /** The sinks, in declaration order. */
    List<StageDescriptor> sinks() {
        return stages.stream().filter(stage -> stage.shape() == Shape.SINK).toList();
    }

    /** The sinks that return a value: the components of {@code run(...)}'s result. */
    List<StageDescriptor> valueSinks() {
        return sinks().stream().filter(sink -> !sink.isVoidSink()).toList();
    }

    /** Whether {@code run(...)} returns a {@code Result} record, one component per value sink. */
    boolean hasResultRecord() {
        return valueSinks().size() > 1;
    }

    /**
     * The output no stage consumes, which {@code start(...)} returns; null when there are sinks.
     */
    Port openEnd() {
        for (StageDescriptor stage : stages) {
            for (Port port : stage.ports()) {
                if (consumers(port).isEmpty()) {
                    return port;
                }
            }
        }
        return null;
    }

    /** The stages that consume {@code port}, in declaration order: several make a tee. */
    List<StageDescriptor> consumers(Port port) {
        return edges.stream().filter(edge -> edge.from().equals(port)).map(Edge::to).toList();
    }

    /** The outputs {@code stage} consumes: several are merged into its one input. */
    List<Port> inputs(StageDescriptor stage) {
        return edges.stream().filter(edge -> edge.to() == stage).map(Edge::from).toList();
    }

    /**
     * Whether this is a straight line as before graphs: each stage consumes the one output of the
     * previous one, and only the last may be a sink. It is written as a chain, exactly as it was.
     */
    boolean isChain() {
        for (int i = 1; i < stages.size(); i++) {
            StageDescriptor previous = stages.get(i - 1);
            List<Port> inputs = inputs(stages.get(i));
            if (previous.ports().size() != 1
                    || inputs.size() != 1
                    || !inputs.get(0).equals(previous.ports().get(0))
                    || consumers(previous.ports().get(0)).size() != 1) {
                return false;
            }
        }
        return last().ports().size() <= 1;
    }

    /** Whether some stage is an instance method, so the pipeline needs an owner instance. */
    boolean needsOwnerInstance() {
        return stages.stream().anyMatch(stage -> !stage.isStatic());
    }
}
