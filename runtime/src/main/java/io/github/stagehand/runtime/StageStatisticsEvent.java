package io.github.stagehand.runtime;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One stage's statistics so far, recorded every second (unless the recording says otherwise) for
 * each stage of each pipeline running with statistics: the figures of {@link StageStats}.
 */
@Name(StageStatisticsEvent.NAME)
@Label("Stage Statistics")
@Category("Stagehand")
@Description("A running pipeline's stage: elements received and sent, time busy and waiting")
@Period("1 s")
@StackTrace(false)
final class StageStatisticsEvent extends Event {
    static final String NAME = "io.github.stagehand.StageStatistics";

    @Label("Pipeline")
    String pipeline;

    @Label("Stage")
    String stage;

    @Label("Workers")
    int workers;

    @Label("Received")
    long received;

    @Label("Sent")
    long sent;

    @Label("Busy")
    @Timespan(Timespan.NANOSECONDS)
    long busy;

    @Label("Receive Wait")
    @Description("Time waiting in a receive for input, workers summed")
    @Timespan(Timespan.NANOSECONDS)
    long receiveWait;

    @Label("Send Wait")
    @Description("Time waiting in a send for room downstream, workers summed")
    @Timespan(Timespan.NANOSECONDS)
    long sendWait;

    @Label("Busy Share")
    @Percentage
    double busyShare;

    @Label("Bottleneck")
    @Description("Whether this stage is the pipeline's bottleneck now")
    boolean bottleneck;

    @Label("Batches")
    @Description("Batches handed over, of a stage with batch: full, by linger or at the end")
    long batches;

    @Label("Batches By Linger")
    @Description("Batches handed over because their linger had passed")
    long batchesLingered;

    @Label("Batch Dropped")
    @Description("Elements of a pending batch dropped when the run failed or was cancelled")
    long batchDropped;

    @Label("Rate Wait")
    @Description("Time waiting for a turn at the stage's rate, workers summed")
    @Timespan(Timespan.NANOSECONDS)
    long rateWait;

    @Label("Ticks Skipped")
    @Description("Ticks a poller skipped because a call overran its period")
    long ticksSkipped;
}
