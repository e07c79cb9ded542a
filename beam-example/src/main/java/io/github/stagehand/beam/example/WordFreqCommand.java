package io.github.stagehand.beam.example;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 */
@Command(
        name = "wordfreq",
        mixinStandardHelpOptions = true,
        description = "Word frequencies of text files, most frequent first.")
public final class WordFreqCommand implements Callable<Integer> {

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
    String flinkMaster = "127.0.0.1:8081";

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "text files or directories")
    List<Path> paths;

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WordFreqCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (top < 1 || workers < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--top and --workers must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> candidates = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    // as find -type f: links are not followed, not even to regular files
                    walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                            .sorted(Comparator.comparing(Path::toString))
                            .forEach(candidates::add);
                }
            } else {
                candidates.add(path);
            }
        }
        // one check, for named files and the ones under a directory alike: each unreadable one is
        // reported, and the rest are counted
        List<String> files = new ArrayList<>();
        boolean unreadable = false;
        for (Path file : candidates) {
            if (Files.isRegularFile(file) && Files.isReadable(file)) {
                files.add(file.toString());
            } else {
                err.println(
                        "wordfreq: "
                                + file
                                + ": "
                                + (Files.exists(file)
                                        ? "Permission denied"
                                        : "No such file or directory"));
                unreadable = true;
            }
        }
        Map<String, Long> counts;
        if (engine == Engine.local) {
            counts = WordFreqPipeline.run(files);
        } else {
            Path scratch = Files.createTempDirectory("wordfreq");
            try {
                counts =
                        engine == Engine.direct
                                ? OnBeam.direct(files, workers, scratch)
                                : OnBeam.cluster(files, workers, flinkMaster, scratch);
            } finally {
                try (Stream<Path> left = Files.walk(scratch)) {
                    left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        out.print(Ranking.lines(counts, top));
        out.flush();
        err.flush();
        return unreadable ? 1 : 0;
    }
}
