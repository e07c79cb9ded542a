package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A batch stage after a head that plays a script: {@code script} sends each step that is not
 * negative and pauses for {@code -step} milliseconds at each negative one; {@code group} takes what
 * it sends in batches of up to 4, each handed over when full, 100 ms after its first element, or at
 * the end, and passes each batch on as it got it.
 */
public final class Batches {
    public static final Duration LINGER = Duration.ofMillis(100);

    public final StageThreads threads = new StageThreads();

    /** When each value was sent, by value. */
    public final ConcurrentHashMap<Integer, Long> sentAt = new ConcurrentHashMap<>();

    /** Each batch {@code group} was handed, with when its call began. */
    public final List<Call> calls = new CopyOnWriteArrayList<>();

    /** One call of {@code group}: its batch, when it began, and on which thread. */
    public record Call(List<Integer> batch, long at, String thread) {}

    @Stage
    void script(Out<Integer> out, Done done, int... steps) {
        threads.record();
        for (int step : steps) {
            if (step < 0) {
                done.sleep(Duration.ofMillis(-step));
            } else {
                sentAt.put(step, System.nanoTime());
                out.send(step);
            }
        }
    }

    @Stage(batch = 4, linger = "100ms")
    List<Integer> group(List<Integer> batch) {
        threads.record();
        calls.add(
                new Call(List.copyOf(batch), System.nanoTime(), Thread.currentThread().getName()));
        return batch;
    }
}
