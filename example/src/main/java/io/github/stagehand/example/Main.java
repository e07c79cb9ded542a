package io.github.stagehand.example;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * The example programs' command line: {@code java -jar stagehand-example.jar <program>}.
 *
 * <p>Every program reports an expected failure (a file it cannot read, output it cannot write) as
 * one line on stderr, {@code PROGRAM: ...}, and exits with 1; a bad command line is a usage message
 * and 2. A stack trace means a bug.
 */
@Command(
        name = "stagehand-example",
        mixinStandardHelpOptions = true,
        version = "stagehand-example 0.1.0",
        description = "Programs built from @Stage methods.",
        subcommands = {
            SquaresCommand.class,
            Md5AllCommand.class,
            TreeStatsCommand.class,
            LogsCommand.class,
            LogshipCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(
                run(
                        args,
                        new FileOutputStream(FileDescriptor.out),
                        new PrintWriter(
                                new OutputStreamWriter(System.err, System.err.charset()), true)));
    }

    /**
     * Runs the program {@code args} name, printing on {@code stdout} and {@code err}; returns its
     * exit status. A program that prints through picocli's writer and could not write its output
     * ends as {@link Stdout} says.
     */
    static int run(String[] args, OutputStream stdout, PrintWriter err) {
        Stdout out = new Stdout(stdout, System.out.charset());
        CommandLine command = new CommandLine(new Main());
        command.setOut(out.writer());
        command.setErr(err);
        int status = command.execute(args);
        ParseResult parsed = command.getParseResult();
        String program =
                parsed != null && parsed.hasSubcommand()
                        ? parsed.subcommand().commandSpec().name()
                        : command.getCommandName();
        status = out.status(status, program, err);
        err.flush();
        return status;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "Missing a program: squares, md5all, treestats, logs or logship");
    }
}
