package io.github.stagehand.example;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code logs FILE...}: counts the keys of log lines ({@link Logs}), one {@code KEY<TAB>COUNT} line
 * per key in key order. {@code logs --bench FILE...} times the pipeline against a plain loop and a
 * parallel stream instead ({@link LogsBench}, run by {@code bench/logs.sh}).
 *
 * <p>A file that is not a readable regular file is reported on stderr as {@code logs: FILE: reason}
 * and left out; the rest are counted, and the exit status is then 1. A read that fails part-way
 * (the file was readable when the run began, or is not UTF-8 text) ends the run with that one line
 * and status 1, and so does a line that is not a log line ({@code logs: not a log line: ...}).
 */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = "Count levels, services and failing paths of log files.")
final class LogsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "log files, read in order")
    List<Path> files;

    @Option(
            names = "--bench",
            description = "time the pipeline, a plain loop and a parallel stream instead")
    boolean bench;

    @Option(
            names = "--rounds",
            paramLabel = "R",
            description =
                    "timed rounds with --bench; the best is printed (default: ${DEFAULT-VALUE})")
    int rounds = 5;

    @Option(
            names = "--warm-up",
            paramLabel = "SECONDS",
            description =
                    "with --bench, every variant runs in turn untimed for at least this long"
                            + " first (default: ${DEFAULT-VALUE})")
    double warmUp = 8;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--rounds must be positive");
        }
        if (!(warmUp >= 0)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--warm-up must be zero or more seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> readable = new ArrayList<>();
        for (Path file : files) {
            String reason =
                    Files.isDirectory(file)
                            ? "Is a directory"
                            : !Files.exists(file)
                                    ? "No such file or directory"
                                    : !Files.isReadable(file) ? "Permission denied" : null;
            if (reason == null) {
                readable.add(file);
            } else {
                err.println("logs: " + file + ": " + reason);
            }
        }
        err.flush();
        int status = readable.size() == files.size() ? 0 : 1;
        try {
            if (bench) {
                new LogsBench(readable, rounds, warmUp).run(out);
                return status;
            }
            Map<String, Long> counts = new TreeMap<>(LogsPipeline.run(readable));
            counts.forEach((key, count) -> out.println(key + "\t" + count));
            out.flush();
            return status;
        } catch (IOException | Logs.MalformedLine e) {
            return failed(err, e); // FILE: reason, or the line that is not a log line
        } catch (UncheckedIOException e) {
            return failed(err, e.getCause()); // from the loop or the stream of --bench
        }
    }

    /** Ends the run on an input that could not be read or counted: one line, status 1. */
    private static int failed(PrintWriter err, Exception e) {
        err.println("logs: " + e.getMessage());
        err.flush();
        return 1;
    }
}
