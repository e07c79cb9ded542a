package io.github.stagehand.processor;

import java.util.List;

/**
 * How each edge of a pipeline is wired, decided once per output port (docs/adr/0012, 0019):
 *
 * <ul>
 *   <li><b>owned</b>: the producing stage makes the channel and returns it, as the Go blog's {@code
 *       gen} and {@code sq} return theirs; its one consumer ranges over it and never closes it. A
 *       straight pipeline is owned edges only, and reads exactly like the blog.
 *   <li>otherwise the entry point makes the consumer's input channel first and hands the producer
 *       an outlet into it: the channel itself, a {@code Tee} over several consumers (or over one
 *       that may leave), or a {@code FanIn} writer where several producers feed one input. Such a
 *       consumer leaves its input when it ends, so that a producer with other consumers stops
 *       sending to it instead of waiting for room that never comes.
 * </ul>
 *
 * <p>An edge is owned when its producer has one output with one consumer, which has no other input,
 * and either the consumer never ends before its input does (a map or flat stage), or nothing above
 * the producer branches: then a producer left waiting by a stream or sink stage that ended early
 * holds up nobody but its own upstream, all of whom wait for {@code done} (closed when the run
 * ends) just as the blog's stages do.
 */
final class EdgePlan {
    private final PipelineModel model;

    EdgePlan(PipelineModel model) {
        this.model = model;
    }

    /** Whether the stage of {@code port} makes its channel and returns it. */
    boolean owned(Port port) {
        StageDescriptor producer = port.stage();
        if (producer.ports().size() != 1) {
            return false;
        }
        List<StageDescriptor> consumers = model.consumers(port);
        if (consumers.isEmpty()) {
            return true; // the open end: the producer's channel is what start(...) returns
        }
        if (consumers.size() != 1) {
            return false;
        }
        StageDescriptor consumer = consumers.get(0);
        if (consumer.isJoin() || model.inputs(consumer).size() != 1) {
            return false;
        }
        if (consumer.shape() == Shape.SINK && model.sinks().size() > 1) {
            return false; // one of several sinks leaves its input when it has its value
        }
        return !consumer.mayEndEarly() || straightAbove(producer);
    }

    /** Whether {@code stage} makes its one outbound channel and returns it. */
    boolean ownsOutput(StageDescriptor stage) {
        return stage.ports().size() == 1 && owned(stage.ports().get(0));
    }

    /** Whether {@code stage}'s input (a stage with one input) is a channel its producer owns. */
    boolean ownedInput(StageDescriptor stage) {
        List<Port> inputs = model.inputs(stage);
        return !stage.isJoin() && inputs.size() == 1 && owned(inputs.get(0));
    }

    /**
     * Whether {@code stage} may run on the thread of the stage after it (docs/adr/0023-fusion.md):
     * a map or flat stage with one worker, no time attributes and {@code fuse} left on, whose input
     * and output are owned edges, and whose one consumer is a stream or sink stage that takes an
     * {@code In} (not a batch). The generated code checks the worker count again at run time.
     */
    boolean fusable(StageDescriptor stage) {
        if (!stage.fuse()
                || (stage.shape() != Shape.MAP && stage.shape() != Shape.FLAT)
                || stage.workers() != 1
                || stage.isBatch()
                || stage.rate() != null
                || !ownsOutput(stage)
                || !ownedInput(stage)) {
            return false;
        }
        List<StageDescriptor> consumers = model.consumers(stage.ports().get(0));
        if (consumers.size() != 1) {
            return false;
        }
        StageDescriptor consumer = consumers.get(0);
        return (consumer.shape() == Shape.STREAM || consumer.shape() == Shape.SINK)
                && !consumer.isBatch();
    }

    /** Whether every stage from the head down to {@code stage} feeds only the next one. */
    private boolean straightAbove(StageDescriptor stage) {
        for (StageDescriptor s = stage; s != model.head(); ) {
            List<Port> inputs = model.inputs(s);
            if (s.isJoin() || inputs.size() != 1) {
                return false;
            }
            StageDescriptor above = inputs.get(0).stage();
            if (above.ports().size() != 1 || model.consumers(above.ports().get(0)).size() != 1) {
                return false;
            }
            s = above;
        }
        return true;
    }
}
