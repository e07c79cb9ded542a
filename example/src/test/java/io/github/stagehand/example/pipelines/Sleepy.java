package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;
import java.time.Duration;

/** A poller's shape: a head that sends, then sleeps for an hour, again and again. */
public final class Sleepy {
    public final StageThreads threads = new StageThreads();

    @Stage
    void poll(Out<Long> out, Done done) {
        threads.record();
        for (long i = 0; ; i++) {
            out.send(i);
            done.sleep(Duration.ofHours(1));
        }
    }

    @Stage
    long twice(long v) {
        threads.record();
        return 2 * v;
    }
}
