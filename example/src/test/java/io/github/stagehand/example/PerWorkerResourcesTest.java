package io.github.stagehand.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.stagehand.example.pipelines.PerWorkerDigest;
import io.github.stagehand.example.pipelines.PerWorkerDigestPipeline;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream stage with {@code workers = N} runs its method once per worker, not once per element, so
 * that is where a worker opens a resource of its own (README, "Per-worker resources").
 */
@Timeout(30)
class PerWorkerResourcesTest {
    private static final List<String> TEXTS =
            IntStream.range(0, 2_000).mapToObj(i -> "line " + i).toList();

    @Test
    void eachOfTheDefaultThreeWorkersMakesOneDigestAndEveryTextIsDigestedOnce()
            throws NoSuchAlgorithmException {
        PerWorkerDigest owner = new PerWorkerDigest();

        List<String> lines = PerWorkerDigestPipeline.run(owner, TEXTS);

        assertEquals(expectedLines(), sorted(lines));
        assertEquals(3, owner.digesters.get());
        assertEquals(workerNames(3), owner.threads.names());
        assertEquals(List.of(), owner.threads.alive());
    }

    @Test
    void workersRaisedAtRunTimeEachMakeTheirOwnDigest() throws NoSuchAlgorithmException {
        PerWorkerDigest owner = new PerWorkerDigest();

        List<String> lines = PerWorkerDigestPipeline.builder(owner).digestWorkers(5).run(TEXTS);

        assertEquals(expectedLines(), sorted(lines));
        assertEquals(5, owner.digesters.get());
        assertEquals(workerNames(5), owner.threads.names());
        assertEquals(List.of(), owner.threads.alive());
    }

    /** What {@code sha256sum} would print for each text, digested one by one. */
    private static List<String> expectedLines() throws NoSuchAlgorithmException {
        List<String> expected = new ArrayList<>();
        for (String text : TEXTS) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            expected.add(
                    HexFormat.of().formatHex(sha256.digest(text.getBytes(UTF_8))) + "  " + text);
        }
        return sorted(expected);
    }

    private static List<String> workerNames(int workers) {
        return IntStream.range(0, workers)
                .mapToObj(w -> "PerWorkerDigestPipeline.digest#" + w)
                .toList();
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
