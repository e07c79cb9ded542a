package io.github.stagehand.example;

import io.github.stagehand.example.TreeStats.Unreadable;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code treestats [--largest N] [--workers N] DIR...}: a report of the regular files under the
 * DIRs, from one {@link TreeStats} graph: files and bytes per extension, the largest files, and the
 * sets of duplicate files (same size and MD5; only files whose size is not unique are read). The
 * format is {@link TreeStatsReport}'s.
 *
 * <p>Exit status: 0 when everything could be read; 1 when a path could not be (each is reported on
 * stderr as {@code treestats: PATH: reason}, and the report covers the rest) or stdout could not be
 * written ({@code treestats: write error: reason}); 2 for a bad command line; 141 when stdout is
 * closed early.
 */
@Command(
        name = "treestats",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Report on the regular files under the DIRs: files and bytes per extension, the"
                    + " largest files, and duplicate files (same size and MD5; only files whose"
                    + " size another file has too are read). Symbolic links are not followed;"
                    + " hard links to one file count as one copy; empty files are never"
                    + " duplicates.",
            "Exit status: 0 if everything could be read, 1 if any path could not, 2 for a bad"
                    + " command line."
        })
final class TreeStatsCommand implements Callable<Integer> {

    @Option(
            names = "--largest",
            paramLabel = "N",
            description = "how many of the largest files to list (default: ${DEFAULT-VALUE})")
    int largest = 20;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description =
                    "digest workers (virtual threads; as many hash at once as there are cores;"
                            + " default: 8, at most 1024)")
    Integer workers;

    @Parameters(
            arity = "1..*",
            paramLabel = "DIR",
            description = "directories (or files) to report on")
    List<String> dirs;

    @Spec CommandSpec spec;

    private final OutputStream stdout;
    private final OutputStream stderr;

    /** The command on the process's own stdout and stderr. */
    TreeStatsCommand() {
        this(new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
    }

    /** The command on the given byte streams (tests). */
    TreeStatsCommand(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws IOException {
        if (largest < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--largest must not be negative but was " + largest);
        }
        if (workers != null && (workers < 1 || workers > Md5AllCommand.MAX_WORKERS)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--workers must be from 1 to "
                            + Md5AllCommand.MAX_WORKERS
                            + " but was "
                            + workers);
        }
        var pipeline = TreeStatsPipeline.builder(new TreeStats(largest));
        if (workers != null) {
            pipeline.digestWorkers(workers);
        }
        TreeStatsPipeline.Result result = pipeline.run(dirs);

        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        for (Unreadable error : result.errors()) {
            messages.writeBytes(errorLine(error));
        }
        messages.writeTo(stderr);
        stderr.flush();
        try {
            OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
            TreeStatsReport.write(out, result);
            out.flush();
        } catch (IOException writeFailed) {
            if (Stdout.brokenPipe(writeFailed)) {
                return Stdout.BROKEN_PIPE; // stdout is gone (| head)
            }
            stderr.write(
                    (Stdout.writeError(writeFailed, "treestats") + "\n")
                            .getBytes(StandardCharsets.UTF_8));
            stderr.flush();
            return 1;
        }
        return result.errors().isEmpty() ? 0 : 1;
    }

    /** {@code treestats: <path quoted as coreutils quotes it>: <reason>\n}. */
    static byte[] errorLine(Unreadable error) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes("treestats: ".getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(Md5AllFormat.quote(error.name()));
        line.writeBytes((": " + error.reason() + "\n").getBytes(StandardCharsets.UTF_8));
        return line.toByteArray();
    }
}
