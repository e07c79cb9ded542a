package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.stagehand.example.pipelines.Sleepy;
import io.github.stagehand.example.pipelines.SleepyPipeline;
import io.github.stagehand.runtime.Received;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stage that waits with {@code Done.sleep} ends as a stage blocked in a send does: the owner's
 * close and a deadline both end the sleep at once, and no stage thread is left.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SleepingStageTest {

    @Test
    void closingTheOutputEndsAHeadThatSleepsBetweenSends() {
        // given a head that sends 0, then sleeps for an hour
        Sleepy sleepy = new Sleepy();
        try (var out = SleepyPipeline.start(sleepy)) {
            // when the consumer takes the first value and leaves
            assertEquals(0L, out.receive());
        }
        // then close() returned without waiting out the hour, and every stage thread has ended
        assertEquals(List.of(), sleepy.threads.alive());
    }

    @Test
    void aTimedReceiveOnTheOutputTellsAnElementFromATimeout() {
        Sleepy sleepy = new Sleepy();
        try (var out = SleepyPipeline.start(sleepy)) {
            // the first value comes at once (doubled by twice), the next in an hour
            assertEquals(new Received.Element<>(0L), out.receive(Duration.ofSeconds(10)));
            assertInstanceOf(Received.Timeout.class, out.receive(Duration.ofMillis(20)));
        }
        assertEquals(List.of(), sleepy.threads.alive());
    }

    @Test
    void aTimedReceiveOnACancelledRunThrowsWhy() {
        Sleepy sleepy = new Sleepy();
        var out = SleepyPipeline.builder(sleepy).timeout(Duration.ofMillis(200)).start();
        assertEquals(new Received.Element<>(0L), out.receive(Duration.ofSeconds(10)));

        CancellationException cancelled =
                assertThrows(CancellationException.class, () -> out.receive(Duration.ofHours(1)));
        assertInstanceOf(TimeoutException.class, cancelled.getCause());
        assertThrows(CancellationException.class, out::close);
        assertEquals(List.of(), sleepy.threads.alive());
    }

    @Test
    void aTimeoutEndsTheSleepAndSaysWhy() {
        Sleepy sleepy = new Sleepy();
        var out = SleepyPipeline.builder(sleepy).timeout(Duration.ofMillis(200)).start();
        assertEquals(0L, out.receive());

        // the next value would come in an hour: the timeout cancels the run first
        CancellationException cancelled = assertThrows(CancellationException.class, out::receive);
        assertInstanceOf(TimeoutException.class, cancelled.getCause());
        assertThrows(CancellationException.class, out::close);
        assertEquals(List.of(), sleepy.threads.alive());
    }
}
