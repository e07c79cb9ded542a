package io.github.stagehand.runtime;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Whether Stagehand's JFR events can be wanted: only once the JVM's flight recorder has started (a
 * {@code -XX:StartFlightRecording}, a {@code jcmd JFR.start}, a {@code new Recording()}). Until
 * then no event class is touched: loading the first one starts JFR's own machinery, over 100 ms on
 * this project's machine, which a run with statistics should not pay for events nobody records. The
 * periodic {@link StageStatisticsEvent} is registered when the recorder starts.
 */
final class Events {
    private static volatile boolean recorder;

    static {
        try {
            FlightRecorder.addListener(
                    new FlightRecorderListener() {
                        @Override
                        public void recorderInitialized(FlightRecorder flightRecorder) {
                            FlightRecorder.addPeriodicEvent(
                                    StageStatisticsEvent.class, PipelineStats::recordAll);
                            recorder = true;
                        }
                    });
        } catch (RuntimeException | LinkageError e) {
            // no flight recorder in this runtime (a jlinked one without jdk.jfr): no events
        }
    }

    private Events() {}

    /** Whether the flight recorder has started, so that a recording may want the events. */
    static boolean recorder() {
        return recorder;
    }
}
