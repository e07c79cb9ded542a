package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;
import io.github.stagehand.runtime.PipelineStats;
import io.github.stagehand.runtime.StageStats;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A batch sink on several workers: {@code numbers} sends {@code 0..n-1}; {@code store} gets them in
 * batches of up to 10 and keeps each. With {@code failAfter} of 0 or more, the head sends that many
 * numbers, waits until {@code store} has taken them all into a batch it is still filling (the
 * statistics say when), and then fails, or, with {@code hang}, sleeps for an hour instead, for the
 * owner to close the run.
 */
public final class BatchSinks {
    public final StageThreads threads = new StageThreads();
    public final List<List<Integer>> stored = new CopyOnWriteArrayList<>();
    private final PipelineStats stats;
    private final int failAfter;
    private final boolean hang;

    public BatchSinks(PipelineStats stats, int failAfter, boolean hang) {
        this.stats = stats;
        this.failAfter = failAfter;
        this.hang = hang;
    }

    @Stage
    void numbers(Out<Integer> out, Done done, int n) throws IOException {
        threads.record();
        for (int i = 0; i < n; i++) {
            if (i == failAfter) {
                while (received("store") < failAfter) {
                    done.sleep(Duration.ofMillis(1));
                }
                if (hang) {
                    done.sleep(Duration.ofHours(1));
                }
                throw new IOException("numbers failed after " + i);
            }
            out.send(i);
        }
    }

    /** What {@code stage} has received so far: 0 until its workers have started. */
    private long received(String stage) {
        return stats.stages().stream()
                .filter(s -> s.name().equals(stage))
                .mapToLong(StageStats::received)
                .sum();
    }

    @Stage(batch = 10, workers = 3)
    void store(List<Integer> batch) {
        threads.record();
        stored.add(List.copyOf(batch));
    }
}
