package golden;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;
import java.util.List;

/**
 * Batches, as a Kafka producer makes them: {@code events} emits lines, {@code send} takes them in
 * batches of up to 500, each handed over when full or once it has waited a second, on two workers,
 * and {@code store}, a batch sink, records the receipts ten at a time, at most 5 batches a second.
 */
public final class Ship {
    private Ship() {}

    @Stage
    static void events(Out<String> out, List<String> lines) {
        for (String line : lines) {
            out.send(line);
        }
    }

    /** One request per batch: the receipt is how many lines it carried. */
    @Stage(batch = 500, linger = "1s", workers = 2)
    static int send(List<String> batch) {
        return batch.size();
    }

    @Stage(batch = 10, rate = "5/s")
    static void store(List<Integer> receipts) {
        System.out.println(receipts);
    }
}
