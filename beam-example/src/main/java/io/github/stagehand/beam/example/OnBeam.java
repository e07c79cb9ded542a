package io.github.stagehand.beam.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Runs the generated {@code WordFreqBeam} on Beam, on the DirectRunner or on a Flink cluster,
 * writes the counts as {@code WORD<TAB>COUNT} lines to a file in {@code scratch}, and reads them
 * back: the sink's value reaches the caller through the file system, as it would from a cluster.
 */
final class OnBeam {
    private OnBeam() {}

    /** On the DirectRunner in this JVM, with {@code workers} threads. */
    static Map<String, Long> direct(List<String> files, int workers, Path scratch) {
        return counts(
                files,
                scratch,
                "--runner=DirectRunner",
                "--targetParallelism=" + workers,
                "--blockOnRun=true");
    }

    /**
     * On the Flink cluster whose REST endpoint is {@code master} ({@code host:port}), with
     * parallelism {@code workers}: the job ships this program's own jar to the task managers.
     */
    static Map<String, Long> cluster(List<String> files, int workers, String master, Path scratch) {
        String jar;
        try {
            jar =
                    Path.of(
                                    OnBeam.class
                                            .getProtectionDomain()
                                            .getCodeSource()
                                            .getLocation()
                                            .toURI())
                            .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return counts(
                files,
                scratch,
                "--runner=FlinkRunner",
                "--flinkMaster=" + master,
                "--parallelism=" + workers,
                "--filesToStage=" + jar);
    }

    /** How long {@link #unreachable} waits for the cluster to accept a connection. */
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    /**
     * Why no Flink REST endpoint can be reached at {@code host:port}, or null when one accepts a
     * connection. Asked before the job is built: the FlinkRunner itself retries for over a minute
     * and then throws a stack of 60 lines.
     */
    static String unreachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return null;
        } catch (UnknownHostException e) {
            return "unknown host";
        } catch (SocketTimeoutException e) {
            return "no answer in " + CONNECT_TIMEOUT_MILLIS / 1000 + " s";
        } catch (IOException e) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
    }

    private static Map<String, Long> counts(List<String> files, Path scratch, String... options) {
        Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.fromArgs(options).create());
        String prefix = scratch.resolve("counts").toString();
        WordFreqBeam.expand(pipeline, files)
                .apply(
                        "as lines",
                        FlatMapElements.into(TypeDescriptors.strings())
                                .via(
                                        (Map<String, Long> counts) ->
                                                counts.entrySet().stream()
                                                        .map(e -> e.getKey() + "\t" + e.getValue())
                                                        .toList()))
                .apply("write", TextIO.write().to(prefix).withoutSharding());
        pipeline.run().waitUntilFinish();
        Map<String, Long> counts = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of(prefix), StandardCharsets.US_ASCII)) {
                int tab = line.indexOf('\t');
                counts.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }
}
