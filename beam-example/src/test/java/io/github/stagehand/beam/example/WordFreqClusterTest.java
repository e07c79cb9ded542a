package io.github.stagehand.beam.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * wordfreq --engine cluster on a real Flink 1.19 cluster of three JVMs on 127.0.0.1 (a JobManager
 * and two TaskManagers, started by {@code bin/flink-cluster} and stopped by pid): byte for byte the
 * in-process output, and both TaskManagers ran part of the job.
 */
@Timeout(300)
class WordFreqClusterTest {
    private static final String REST = "127.0.0.1:18081";

    @TempDir static Path dir;

    private static Path state;

    private static void cluster(String command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder("../bin/flink-cluster", command, state.toString())
                        .redirectErrorStream(true);
        builder.environment().put("FLINK_REST_PORT", "18081");
        builder.environment().put("FLINK_RPC_PORT", "16123");
        // Flink's jars as this test has them: no Maven run inside the build
        builder.environment().put("FLINK_CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
    }

    @BeforeAll
    static void start() throws Exception {
        state = dir.resolve("cluster");
        cluster("start");
    }

    @AfterAll
    static void stop() throws Exception {
        cluster("stop");
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://" + REST + path)).build(),
                                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Test
    void theClusterPrintsWhatTheLocalEnginePrintsAndEveryTaskManagerWorks() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("text"));
        for (int f = 0; f < 4; f++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 2_000; i++) {
                text.append("Word")
                        .append(i % (17 + f))
                        .append(i % 3 == 0 ? ", The end.\n" : " and ");
            }
            Files.writeString(tree.resolve("part-" + f + ".txt"), text);
        }
        String local = run("--engine", "local", tree.toString());

        String onCluster =
                run(
                        "--engine",
                        "cluster",
                        "--flink-master",
                        REST,
                        "--workers",
                        "4",
                        tree.toString());

        assertEquals(local, onCluster);
        assertTrue(local.lines().count() > 10, local);
        String jobs = get("/jobs/overview");
        Matcher job = Pattern.compile("\"jid\":\"([0-9a-f]+)\"").matcher(jobs);
        assertTrue(job.find(), jobs);
        assertTrue(jobs.contains("\"state\":\"FINISHED\""), jobs);
        Set<String> taskManagers = new TreeSet<>();
        Matcher vertex =
                Pattern.compile("\"id\":\"([0-9a-f]{32})\"").matcher(get("/jobs/" + job.group(1)));
        while (vertex.find()) {
            Matcher tm =
                    Pattern.compile("\"taskmanager-id\":\"([^\"]+)\"")
                            .matcher(get("/jobs/" + job.group(1) + "/vertices/" + vertex.group(1)));
            while (tm.find()) {
                taskManagers.add(tm.group(1));
            }
        }
        assertEquals(2, taskManagers.size(), "subtasks ran on " + taskManagers);
    }

    @Test
    void aReadThatFailsOnATaskManagerIsOneLineNamingTheFile() throws Exception {
        // the TaskManager reads its own /proc/self/mem: a regular file whose read fails with EIO
        assumeTrue(Files.isRegularFile(Path.of("/proc/self/mem")), "needs Linux /proc");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new WordFreqCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));

        int exit = command.execute("--engine", "cluster", "--flink-master", REST, "/proc/self/mem");

        assertEquals(1, exit, err.toString());
        assertEquals("wordfreq: /proc/self/mem: Input/output error", err.toString().strip());
        assertEquals("", out.toString());
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new WordFreqCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        assertEquals(0, exit, err.toString());
        return out.toString();
    }
}
