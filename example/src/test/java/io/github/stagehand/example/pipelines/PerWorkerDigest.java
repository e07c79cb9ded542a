package io.github.stagehand.example.pipelines;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A per-worker resource: lines(texts) -> digest (stream, 3 workers) -> collect (sink). A stream
 * stage's method runs once per worker, so each worker makes its own {@link MessageDigest}, which is
 * not thread-safe, and reuses it for every element it takes. {@code run} returns one {@code
 * sha256sum}-style line ({@code HEX TEXT}) per text, in no particular order.
 */
public final class PerWorkerDigest {
    public final StageThreads threads = new StageThreads();

    /** How many times {@link #digest} has started: once per worker. */
    public final AtomicInteger digesters = new AtomicInteger();

    @Stage
    void lines(Out<String> out, List<String> texts) {
        for (String text : texts) {
            out.send(text);
        }
    }

    @Stage(workers = 3)
    void digest(In<String> in, Out<String> out) throws NoSuchAlgorithmException {
        threads.record();
        digesters.incrementAndGet();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256"); // this worker's own
        HexFormat hex = HexFormat.of();
        for (String text : in) {
            out.send(hex.formatHex(sha256.digest(text.getBytes(UTF_8))) + "  " + text);
        }
    }

    @Stage
    List<String> collect(In<String> in) {
        List<String> lines = new ArrayList<>();
        for (String line : in) {
            lines.add(line);
        }
        return lines;
    }
}
