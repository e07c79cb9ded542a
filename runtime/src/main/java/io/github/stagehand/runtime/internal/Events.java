package io.github.stagehand.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Whether Stagehand's JFR events can be wanted: only once the JVM's flight recorder has started (a
 * {@code -XX:StartFlightRecording}, a {@code jcmd JFR.start}, a {@code new Recording()}). Until
 * then no event class is touched: loading the first one starts JFR's own machinery, over 100 ms on
 * this project's machine, which a run with statistics should not pay for events nobody records.
 * What must happen when the recorder starts (registering a periodic event) waits in {@link
 * #whenRecording}.
 *
 * <p>Invariants: {@code hooks} is null once the recorder has started; every hook runs once.
 */
public final class Events {
    private static volatile boolean recorder;
    private static List<Runnable> hooks = new ArrayList<>(); // guarded by Events.class

    static {
        try {
            FlightRecorder.addListener(
                    new FlightRecorderListener() {
                        @Override
                        public void recorderInitialized(FlightRecorder flightRecorder) {
                            List<Runnable> toRun;
                            synchronized (Events.class) {
                                toRun = hooks;
                                hooks = null;
                            }
                            if (toRun != null) {
                                toRun.forEach(Runnable::run);
                            }
                            recorder = true;
                        }
                    });
        } catch (RuntimeException | LinkageError e) {
            // no flight recorder in this runtime (a jlinked one without jdk.jfr): no events
        }
    }

    private Events() {}

    /** Whether the flight recorder has started, so that a recording may want the events. */
    public static boolean recorder() {
        return recorder;
    }

    /** Runs {@code hook} once the flight recorder has started: now, if it has. */
    public static void whenRecording(Runnable hook) {
        synchronized (Events.class) {
            if (hooks != null) {
                hooks.add(hook);
                return;
            }
        }
        hook.run();
    }
}
