package io.github.stagehand.beam.example;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wordfreq [--engine local|direct|cluster] [--top N] FILE...}: the word frequencies of text
 * files, {@code COUNT<TAB>WORD}, most frequent first. {@code local} runs the in-process pipeline,
 * {@code direct} the generated Beam graph on Beam's DirectRunner with several workers, {@code
 * cluster} the same graph on a Flink 1.19 cluster ({@code bin/flink-cluster start}); the output is
 * byte for byte the same. A directory is read as every regular file under it (not following links,
 * as {@code find -type f}), in path order. A file that cannot be read is reported as {@code
 * wordfreq: FILE: reason}, the rest are counted, and the exit status is 1.
 *
 * <p>Every expected failure is one line on stderr and exit status 1: a read that fails part-way
 * ({@code wordfreq: FILE: reason}), no cluster at {@code --flink-master} (the address, and how to
 * start one: {@code bin/flink-cluster start}), stdout that cannot be written ({@code wordfreq:
 * write error: reason}; 141, quietly, when the reader went away). A bad command line is a usage
 * message and status 2; a stack trace means a bug.
 */
@Command(
        name = "wordfreq",
        mixinStandardHelpOptions = true,
        description = "Word frequencies of text files, most frequent first.")
public final class WordFreqCommand implements Callable<Integer> {

    /** The REST port of a cluster that {@code bin/flink-cluster start} starts. */
    static final int DEFAULT_REST_PORT = 8081;

    /** Where the stages run. */
    enum Engine {
        local,
        direct,
        cluster
    }

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            description =
                    "local (in process, the default), direct (Beam's DirectRunner) or cluster (a"
                            + " Flink 1.19 cluster, see --flink-master)")
    Engine engine = Engine.local;

    @Option(names = "--top", paramLabel = "N", description = "print at most N words (default: all)")
    int top = Integer.MAX_VALUE;

    @Option(
            names = "--workers",
            paramLabel = "W",
            description =
                    "worker threads of the direct engine, parallelism of the cluster's job"
                            + " (default: ${DEFAULT-VALUE})")
    int workers = 4;

    @Option(
            names = "--flink-master",
            paramLabel = "HOST:PORT",
            description =
                    "the REST endpoint of the Flink cluster for --engine cluster (default:"
                            + " ${DEFAULT-VALUE})")
    String flinkMaster = "127.0.0.1:" + DEFAULT_REST_PORT;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "text files or directories")
    List<Path> paths;

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        System.exit(
                run(
                        args,
                        new FileOutputStream(FileDescriptor.out),
                        new PrintWriter(
                                new OutputStreamWriter(System.err, System.err.charset()), true)));
    }

    /**
     * Runs {@code wordfreq ARGS}, printing on {@code stdout} and {@code err}; returns the exit
     * status. Output that cannot be written ends the run as {@link Stdout} says.
     */
    static int run(String[] args, OutputStream stdout, PrintWriter err) {
        Stdout out = new Stdout(stdout, System.out.charset());
        CommandLine command = new CommandLine(new WordFreqCommand());
        command.setOut(out.writer());
        command.setErr(err);
        int status = out.status(command.execute(args), "wordfreq", err);
        err.flush();
        return status;
    }

    @Override
    public Integer call() throws IOException {
        if (top < 1 || workers < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--top and --workers must be positive");
        }
        int colon = flinkMaster.lastIndexOf(':');
        String host = colon > 0 ? flinkMaster.substring(0, colon) : "";
        int port = colon > 0 ? port(flinkMaster.substring(colon + 1)) : -1;
        if (host.isEmpty() || port < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--flink-master must be HOST:PORT, a port from 1 to 65535, but was '"
                            + flinkMaster
                            + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (engine == Engine.cluster) {
            String unreachable = OnBeam.unreachable(host, port);
            if (unreachable != null) {
                return failed(err, noCluster(unreachable, port));
            }
        }
        // a directory is read as the regular files under it; what the walk cannot read is
        // reported in path order with the rest
        Map<Path, String> walkFailures = new HashMap<>();
        List<Path> candidates = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                candidates.addAll(regularFilesUnder(path, walkFailures));
            } else {
                candidates.add(path);
            }
        }
        // one check, for named files and the ones under a directory alike: each unreadable one is
        // reported, and the rest are counted
        List<String> files = new ArrayList<>();
        boolean unreadable = false;
        for (Path file : candidates) {
            String reason = walkFailures.get(file);
            if (reason == null && !(Files.isRegularFile(file) && Files.isReadable(file))) {
                reason = Files.exists(file) ? "Permission denied" : "No such file or directory";
            }
            if (reason == null) {
                files.add(file.toString());
            } else {
                err.println("wordfreq: " + file + ": " + reason);
                unreadable = true;
            }
        }
        Map<String, Long> counts;
        try {
            counts = count(files);
        } catch (IOException e) {
            return failed(err, e.getMessage()); // FILE: reason, from the lines stage
        } catch (RuntimeException e) {
            // Beam's runners wrap what a stage or the runner itself threw
            IOException cause = ioCause(e);
            if (cause == null) {
                throw e; // a bug
            }
            if (engine == Engine.cluster
                    && (cause instanceof ConnectException
                            || cause instanceof UnknownHostException)) {
                return failed(err, noCluster(cause.getMessage(), port)); // gone since the check
            }
            return failed(err, cause.getMessage());
        }
        out.print(Ranking.lines(counts, top));
        out.flush();
        err.flush();
        return unreadable ? 1 : 0;
    }

    /** The counts of the words in {@code files}, on the chosen engine. */
    private Map<String, Long> count(List<String> files) throws IOException {
        if (engine == Engine.local) {
            return WordFreqPipeline.run(files);
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("wordfreq");
        } catch (IOException e) {
            throw new IOException(
                    "cannot make a scratch directory in "
                            + System.getProperty("java.io.tmpdir")
                            + ": "
                            + WordFreq.reason(e),
                    e);
        }
        try {
            return engine == Engine.direct
                    ? OnBeam.direct(files, workers, scratch)
                    : OnBeam.cluster(files, workers, flinkMaster, scratch);
        } finally {
            try (Stream<Path> left = Files.walk(scratch)) {
                left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // the scratch directory is the system's temporary one: leave what is left
            }
        }
    }

    /**
     * The regular files under {@code dir}, as {@code find -type f} lists them (links are not
     * followed, not even to regular files), in path order; a path the walk could not read is listed
     * too, and {@code failures} says why.
     */
    private static List<Path> regularFilesUnder(Path dir, Map<Path, String> failures)
            throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile()) {
                            found.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        failures.put(file, WordFreq.reason(e));
                        found.add(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        if (e != null) { // the listing failed part-way
                            failures.put(dir, WordFreq.reason(e));
                            found.add(dir);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        found.sort(Comparator.comparing(Path::toString));
        return found;
    }

    /** {@code port} as a TCP port, or -1 when it is not one. */
    private static int port(String port) {
        try {
            int p = Integer.parseInt(port);
            return p >= 1 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Says that no cluster answered at {@code --flink-master}, and how to start one there. */
    private String noCluster(String reason, int port) {
        return "no Flink cluster at "
                + flinkMaster
                + " ("
                + reason
                + "); start one with "
                + (port == DEFAULT_REST_PORT ? "" : "FLINK_REST_PORT=" + port + " ")
                + "bin/flink-cluster start, or name a running one with --flink-master HOST:PORT";
    }

    /** The first {@link IOException} among the causes of {@code e}, or null. */
    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    /** Ends the run on an expected failure: {@code wordfreq: MESSAGE}, status 1. */
    private static int failed(PrintWriter err, String message) {
        err.println("wordfreq: " + message);
        err.flush();
        return 1;
    }
}
