package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.PipelineClock;
import io.github.stagehand.runtime.PipelineStats;
import java.time.Duration;

/**
 * The run-wide options of one run, as a {@link io.github.stagehand.runtime.PipelineBuilder} holds
 * them when the run starts.
 *
 * @param parent the parent {@code done}, or null
 * @param deadlineNanos how long from the start, on {@code clock}, the run is cancelled; negative
 *     for never
 * @param deadlineWhy what the cancellation's {@link java.util.concurrent.TimeoutException} says
 * @param gracePeriod how long workers may outlive {@code done} before they are reported
 * @param stats where the run is recorded, or null
 * @param clock the clock the run reads and waits on
 * @param drain the signal that drains the run, or null
 */
public record RunOptions(
        Done parent,
        long deadlineNanos,
        String deadlineWhy,
        Duration gracePeriod,
        PipelineStats stats,
        PipelineClock clock,
        Done drain) {}
