package golden;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;

/**
 * A poller: {@code status} is called when the run starts and then every five seconds, returning
 * what it found (null ends the stream), and {@code fetch} follows each status up, at most 100
 * requests a second.
 */
public final class Poll {
    private Poll() {}

    @Stage(every = "5s")
    static String status(Done done, String endpoint) {
        return done.isClosed() ? null : endpoint + " up";
    }

    @Stage(rate = "100/s", workers = 4)
    static void fetch(String status, Out<Integer> out) {
        out.send(status.length());
    }
}
