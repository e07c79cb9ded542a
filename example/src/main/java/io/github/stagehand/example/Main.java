package io.github.stagehand.example;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The example programs' command line: {@code java -jar stagehand-example.jar <program>}. */
@Command(
        name = "stagehand-example",
        mixinStandardHelpOptions = true,
        version = "stagehand-example 0.1.0",
        description = "Programs built from @Stage methods.",
        subcommands = {
            SquaresCommand.class,
            Md5AllCommand.class,
            TreeStatsCommand.class,
            LogsCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing a program: squares, md5all, treestats or logs");
    }
}
