package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.example.pipelines.Observed;
import io.github.stagehand.example.pipelines.ObservedPipeline;
import io.github.stagehand.runtime.PipelineStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with statistics, recorded with JFR and read back: the waits of at least the threshold name
 * their pipeline, stage, worker, operation and channel, and the per-stage statistics events name
 * the slow stage as the bottleneck.
 */
@Timeout(60)
class StageEventsTest {

    @TempDir Path dir;

    @Test
    void aRecordingHoldsTheSlowStagesWaitsAndStatistics() throws Exception {
        Path file = dir.resolve("run.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.github.stagehand.StageWait").withThreshold(Duration.ofMillis(10));
            recording
                    .enable("io.github.stagehand.StageStatistics")
                    .withPeriod(Duration.ofMillis(50));
            recording.start();
            ObservedPipeline.builder(new Observed("inc", 25, false))
                    .stats(new PipelineStats())
                    .run(16);
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);

        List<RecordedEvent> waits = named(events, "io.github.stagehand.StageWait");
        assertFalse(waits.isEmpty(), "no wait events");
        for (RecordedEvent wait : waits) {
            assertEquals("ObservedPipeline", wait.getString("pipeline"));
            assertTrue(wait.getDuration().compareTo(Duration.ofMillis(10)) >= 0, wait.toString());
            assertTrue(wait.getInt("worker") >= 0, wait.toString());
        }
        Set<String> seen =
                waits.stream()
                        .map(
                                w ->
                                        w.getString("stage")
                                                + " "
                                                + w.getString("operation")
                                                + " "
                                                + w.getString("channel"))
                        .collect(Collectors.toSet());
        // gen fills its buffer of 4 and waits for the slow inc; twice and sum wait for its output
        assertTrue(seen.contains("gen send gen -> inc"), seen.toString());
        assertTrue(seen.contains("twice receive inc -> twice"), seen.toString());
        assertTrue(seen.contains("sum receive twice -> sum"), seen.toString());

        List<RecordedEvent> statistics = named(events, "io.github.stagehand.StageStatistics");
        RecordedEvent inc =
                statistics.stream()
                        .filter(e -> e.getString("stage").equals("inc"))
                        // the latest, by when it was taken: the events of the periodic thread and
                        // of the run's end sit in per-thread buffers, so the file's order is not
                        // the order they were taken in
                        .max(Comparator.comparing(RecordedEvent::getStartTime))
                        .orElseThrow(() -> new AssertionError("no statistics of inc"));
        assertEquals(16, inc.getLong("received"));
        assertEquals(2, inc.getInt("workers"));
        assertTrue(inc.getBoolean("bottleneck"), inc.toString());
        assertTrue(inc.getDuration("busy").toMillis() >= 16 * 25 / 2, inc.toString());
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }
}
