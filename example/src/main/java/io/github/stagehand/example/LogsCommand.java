package io.github.stagehand.example;

import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--rounds must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (bench) {
            new LogsBench(files, rounds).run(out);
            return 0;
        }
        Map<String, Long> counts = new TreeMap<>(LogsPipeline.run(files));
        counts.forEach((key, count) -> out.println(key + "\t" + count));
        out.flush();
        return 0;
    }
}
