package io.github.stagehand.example;

import io.github.stagehand.example.Md5All.Algorithm;
import io.github.stagehand.example.Md5All.Digest;
import io.github.stagehand.example.Md5All.FileError;
import io.github.stagehand.runtime.PipelineStats;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code md5all [--workers N] [--algorithm md5|sha1|sha256|sha512] [--fail-fast] PATH...}: the Go
 * blog's "Digesting a tree" as a tool. Prints what md5sum (or sha1sum, sha256sum, sha512sum) prints
 * for every regular file under the paths, in the byte order of the paths, streaming: the ordered
 * digest stage hands results on in walk order, so the first lines come out at once and memory stays
 * bounded however large the tree.
 *
 * <p>Exit status: 0 when every file was digested; 1 when any path could not be read (each is
 * reported on stderr as {@code md5all: PATH: reason}) or stdout could not be written ({@code
 * md5all: write error: reason}); 2 for a bad command line; 141 when stdout is closed early (as a
 * coreutils tool killed by SIGPIPE reports it), after cancelling the pipeline.
 */
@Command(
        name = "md5all",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print the digest of every regular file under the PATHs, exactly as md5sum (sha1sum,"
                    + " sha256sum, sha512sum) prints it, sorted by path in byte order"
                    + " (LC_ALL=C sort). Symbolic links are not followed; FIFOs, sockets and"
                    + " devices are skipped, as find PATH -type f skips them.",
            "Exit status: 0 if all files were digested, 1 if any could not be read, 2 for a bad"
                    + " command line."
        })
final class Md5AllCommand implements Callable<Integer> {
    /** What the shell reports for a process killed by SIGPIPE: 128 + 13. */
    static final int BROKEN_PIPE = Stdout.BROKEN_PIPE;

    /** Each worker keeps a 64 KiB read buffer: 1024 of them hold at most 64 MiB. */
    static final int MAX_WORKERS = 1024;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description =
                    "digest workers (virtual threads; as many digest at once as there are cores,"
                            + " the others look ahead past large files; default: 64, at most"
                            + " 1024)")
    Integer workers;

    @Option(
            names = "--algorithm",
            paramLabel = "ALG",
            converter = AlgorithmConverter.class,
            defaultValue = "md5",
            description = "md5, sha1, sha256 or sha512 (default: ${DEFAULT-VALUE})")
    Algorithm algorithm;

    @Option(
            names = "--fail-fast",
            description = "stop at the first error and cancel the pipeline: print nothing, exit 1")
    boolean failFast;

    @Option(
            names = "--progress",
            negatable = true,
            description =
                    "show files, bytes and rate on stderr (default: when stderr is a terminal"
                            + " and stdout is not)")
    Boolean progress;

    @Option(
            names = "--stats",
            description =
                    "at the end, print each stage's statistics on stderr: elements, time busy and"
                            + " waiting, the bottleneck marked")
    boolean stats;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files and directories")
    List<String> paths;

    @Spec CommandSpec spec;

    private final OutputStream stdout;
    private final OutputStream stderr;
    private final boolean stdoutIsTerminal;
    private final boolean stderrIsTerminal;

    /** The command on the process's own stdout and stderr. */
    Md5AllCommand() {
        this(
                new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err),
                Md5AllProgress.isTerminal(1),
                Md5AllProgress.isTerminal(2));
    }

    /** The command on the given byte streams (tests). */
    Md5AllCommand(
            OutputStream stdout,
            OutputStream stderr,
            boolean stdoutIsTerminal,
            boolean stderrIsTerminal) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdoutIsTerminal = stdoutIsTerminal;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    @Override
    public Integer call() throws IOException {
        if (workers != null && (workers < 1 || workers > MAX_WORKERS)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--workers must be from 1 to " + MAX_WORKERS + " but was " + workers);
        }
        var pipeline = Md5AllPipeline.builder(new Md5All(algorithm, failFast));
        if (workers != null) {
            pipeline.digestWorkers(workers);
        }
        PipelineStats recorded = stats ? new PipelineStats() : null;
        if (recorded != null) {
            pipeline.stats(recorded);
        }
        // by default, progress only where it is seen and does not mix with the output lines
        Md5AllProgress shown =
                Md5AllProgress.start(
                        stderr,
                        progress != null ? progress : stderrIsTerminal && !stdoutIsTerminal);
        // fail-fast prints all or nothing, so its lines wait in memory for the end
        ByteArrayOutputStream held = failFast ? new ByteArrayOutputStream() : null;
        OutputStream out = new BufferedOutputStream(held != null ? held : stdout, 1 << 16);
        Md5AllFormat format = new Md5AllFormat();
        boolean errors = false;
        try {
            try (var sums = pipeline.start(paths)) {
                for (List<Digest> batch : sums) {
                    errors |= write(batch, out, format, shown);
                    if (stdoutIsTerminal && held == null) {
                        out.flush(); // a reader is watching: no waiting for 64 KiB of lines
                    }
                }
                out.flush();
            } // close(done): every stage thread has ended; rethrows the fail-fast error
            shown.stop();
            if (held != null) {
                held.writeTo(stdout);
                stdout.flush();
            }
            return errors ? 1 : 0;
        } catch (CompletionException e) {
            // the fail-fast error, thrown by the iteration; close() then adds it as suppressed
            if (e.getCause() instanceof FileError error) {
                return failed(error, shown);
            }
            throw e;
        } catch (FileError e) {
            return failed(e, shown); // the fail-fast error, thrown by close()
        } catch (IOException writeFailed) {
            // stdout is gone (| head) or full: the pipeline was cancelled on the way out of the try
            return writeFailed(writeFailed, "md5all", shown);
        } finally {
            shown.stop(); // on every way out; stopping twice is harmless
            if (recorded != null) {
                stderr.write(recorded.toString().getBytes(StandardCharsets.UTF_8));
                stderr.flush();
            }
        }
    }

    /**
     * Ends the run after a failed write to stdout: 141 and nothing printed when the reader went
     * away, else {@code PROGRAM: write error: reason} and 1, as md5sum.
     */
    static int writeFailed(IOException e, String program, Md5AllProgress shown) throws IOException {
        if (Stdout.brokenPipe(e)) {
            return BROKEN_PIPE;
        }
        shown.stop();
        shown.error((Stdout.writeError(e, program) + "\n").getBytes(StandardCharsets.UTF_8));
        return 1;
    }

    /** Reports the fail-fast {@code error} as md5sum would, after the progress line is gone. */
    private static int failed(FileError error, Md5AllProgress shown) throws IOException {
        shown.stop();
        shown.error(Md5AllFormat.errorLine(error.path(), error.reason()));
        return 1;
    }

    /**
     * Writes one batch's lines, and its errors to stderr; returns whether there was an error. A
     * method of its own, called once per batch, so that the JIT compiles it early: as the body of
     * {@link #call}'s loop, which runs once, it stayed interpreted for most of a run.
     */
    private static boolean write(
            List<Digest> batch, OutputStream out, Md5AllFormat format, Md5AllProgress shown)
            throws IOException {
        boolean errors = false;
        for (Digest sum : batch) {
            if (sum.failed()) {
                errors = true;
                out.flush(); // keep stdout and stderr in order on a shared terminal
                shown.error(Md5AllFormat.errorLine(sum.path(), sum.error()));
            } else {
                format.writeLine(out, sum.path(), sum.hex());
            }
            shown.add(sum.size());
        }
        return errors;
    }

    /** Reads {@code --algorithm}: md5, sha1, sha256, sha512, case ignored. */
    static final class AlgorithmConverter implements ITypeConverter<Algorithm> {
        @Override
        public Algorithm convert(String value) {
            try {
                return Algorithm.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
