package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineStats;
import java.time.Duration;
import java.time.Instant;

/**
 * The run-wide options of one run, as a {@link io.github.stagehand.runtime.PipelineBuilder} holds
 * them when the run starts.
 *
 * @param parent the parent {@code done}, or null
 * @param deadline when the run is cancelled, or null for never
 * @param gracePeriod how long workers may outlive {@code done} before they are reported
 * @param stats where the run is recorded, or null
 */
public record RunOptions(
        Done parent, Instant deadline, Duration gracePeriod, PipelineStats stats) {}
