package io.github.stagehand.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every peer of bench/peers.sh computes what the plain loop computes, on small inputs. */
class PeersTest {
    private static final String[] LEVELS = {"DEBUG", "INFO", "WARN", "ERROR"};
    private static final String[] SERVICES = {"api", "auth", "billing"};

    @Test
    void everyLogsPeerCountsWhatTheLoopCounts(@TempDir Path dir) throws Exception {
        // given three files of lines in the generator's format, some failed and some DEBUG
        List<Path> files = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            files.add(logFile(dir.resolve("app-" + f + ".log"), 100 + f, f));
        }
        try (LogsPeers peers = new LogsPeers(files)) {
            Map<String, Workload.Run> variants = peers.variants();
            Object expected = variants.get("loop").apply();
            // then every variant agrees with the loop
            for (Map.Entry<String, Workload.Run> variant : variants.entrySet()) {
                assertEquals(expected, variant.getValue().apply(), variant.getKey());
            }
        }
    }

    @Test
    void everySeedPeerSumsWhatTheLoopSums() throws Exception {
        try (SeedPeers peers = new SeedPeers(1_000)) {
            Map<String, Workload.Run> variants = peers.variants();
            Object expected = variants.get("loop").apply();
            assertEquals(332_833_500, expected);
            for (Map.Entry<String, Workload.Run> variant : variants.entrySet()) {
                assertEquals(expected, variant.getValue().apply(), variant.getKey());
            }
        }
    }

    private static Path logFile(Path file, int lines, int seed) throws IOException {
        List<String> text = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            int k = i * 7 + seed;
            text.add(
                    String.format(
                            "2026-12-01T00:00:%02d.000Z %s %s /api/v1/items/%d %d %d",
                            i % 60,
                            LEVELS[k % LEVELS.length],
                            SERVICES[k % SERVICES.length],
                            k,
                            k % 5 == 0 ? 503 : 200,
                            k % 2001));
        }
        return Files.write(file, text);
    }
}
