package io.github.stagehand.example;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A log analyzer as a fine-grained pipeline: every stage does little work per element, so the
 * hand-offs between stages are most of what it costs (issue 13's workload, {@code bench/logs.sh}).
 *
 * <pre>
 * read (lines of each file) -> parse (4 workers) -> explode (2-3 keys, DEBUG dropped) -> count
 * </pre>
 *
 * <pre>{@code
 * Map<String, Long> counts = LogsPipeline.run(List.of(Path.of("app.log")));
 * }</pre>
 *
 * <p>A line is {@code TIMESTAMP LEVEL SERVICE PATH STATUS LATENCY}, one space between fields, as
 * {@code bench/logs/main.go -generate} writes it. {@link #loop} does the same work as one plain
 * loop over the same methods, the baseline the pipeline is measured against. The stages, the loop
 * and the parallel stream are public so that {@code bench/peers.sh} (module {@code benchmarks})
 * runs the very same methods under Reactor, RxJava, Pekko Streams and the JDK's gatherers.
 */
public final class Logs {

    private Logs() {}

    /** One parsed line. */
    public record Entry(
            String timestamp, String level, String service, String path, int status, int latency) {}

    /** A line that is not {@code TIMESTAMP LEVEL SERVICE PATH STATUS LATENCY}: it fails the run. */
    public static final class MalformedLine extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedLine(String line) {
            super(
                    "not a log line: \""
                            + (line.length() > 80 ? line.substring(0, 80) + "..." : line)
                            + "\" (expected TIMESTAMP LEVEL SERVICE PATH STATUS LATENCY)");
        }
    }

    /**
     * Sends every line of every file, in order. A read that fails names its file: {@code FILE:
     * reason}.
     */
    @Stage
    public static void read(Out<String> out, List<Path> files) throws IOException {
        for (Path file : files) {
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.send(line);
                }
            } catch (IOException e) {
                String reason =
                        e instanceof CharacterCodingException
                                ? "not UTF-8 text"
                                : Md5AllEntry.reason(e);
                throw new IOException(file + ": " + reason, e);
            }
        }
    }

    /**
     * Splits a line into its six fields; a malformed line fails the run ({@link MalformedLine}).
     */
    @Stage(workers = 4)
    public static Entry parse(String line) {
        String[] f = new String[6];
        int from = 0;
        for (int i = 0; i < 5; i++) {
            int space = line.indexOf(' ', from);
            if (space < 0) {
                throw new MalformedLine(line);
            }
            f[i] = line.substring(from, space);
            from = space + 1;
        }
        f[5] = line.substring(from);
        try {
            return new Entry(
                    f[0], f[1], f[2], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]));
        } catch (NumberFormatException e) {
            throw new MalformedLine(line);
        }
    }

    /** The keys an entry counts under: its level, its service, and its path when it failed. */
    @Stage
    public static void explode(Entry entry, Out<String> keys) {
        if (entry.level().equals("DEBUG")) {
            return;
        }
        keys.send("level=" + entry.level());
        keys.send("service=" + entry.service());
        if (entry.status() >= 500) {
            keys.send("path=" + entry.path());
        }
    }

    /** How often each key came. */
    @Stage
    static Map<String, Long> count(In<String> keys) {
        Map<String, Long> counts = new HashMap<>();
        for (String key : keys) {
            counts.merge(key, 1L, Long::sum);
        }
        return counts;
    }

    /** The same work as the pipeline, as one loop on the calling thread. */
    public static Map<String, Long> loop(List<Path> files) {
        Map<String, Long> counts = new HashMap<>();
        Out<String> keys = key -> counts.merge(key, 1L, Long::sum);
        try {
            read(line -> explode(parse(line), keys), files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    /** The same work as a parallel stream over each file's lines. */
    public static Map<String, Long> parallel(List<Path> files) {
        Map<String, Long> counts = new HashMap<>();
        for (Path file : files) {
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.parallel()
                        .map(Logs::parse)
                        .filter(e -> !e.level().equals("DEBUG"))
                        .<String>mapMulti((e, keys) -> explode(e, keys::accept))
                        .collect(
                                java.util.stream.Collectors.groupingByConcurrent(
                                        k -> k, java.util.stream.Collectors.counting()))
                        .forEach((k, v) -> counts.merge(k, v, Long::sum));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return counts;
    }
}
