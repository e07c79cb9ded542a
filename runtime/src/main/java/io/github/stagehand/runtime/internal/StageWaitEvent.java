package io.github.stagehand.runtime.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * A stage worker's send or receive that waited at least the threshold (10 ms unless the recording
 * says otherwise), in a pipeline run with statistics. Its duration is the wait.
 */
@Name(StageWaitEvent.NAME)
@Label("Stage Wait")
@Category("Stagehand")
@Description("A stage worker waited in a send for room downstream, or in a receive for input")
@Threshold("10 ms")
@StackTrace(false)
final class StageWaitEvent extends Event {
    static final String NAME = "io.github.stagehand.StageWait";

    @Label("Pipeline")
    String pipeline;

    @Label("Stage")
    String stage;

    @Label("Worker")
    int worker;

    @Label("Operation")
    @Description("send (waited for room downstream) or receive (waited for input)")
    String operation;

    @Label("Channel")
    @Description("The channel waited on, named for the stages it joins")
    String channel;
}
