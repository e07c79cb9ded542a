package io.github.stagehand.example;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Standard output for the programs that print through picocli's {@link PrintWriter}, which swallows
 * write errors: this stream keeps the first one, so that the program can end as a coreutils tool
 * does when its output cannot be written.
 *
 * <pre>{@code
 * Stdout stdout = new Stdout(new FileOutputStream(FileDescriptor.out), System.out.charset());
 * command.setOut(stdout.writer());
 * int status = stdout.status(command.execute(args), "logs", err);
 * }</pre>
 *
 * <p>The exit status is then the shell's for a tool killed by SIGPIPE (141, nothing printed) when
 * the reader went away ({@code | head}), and 1 with {@code PROGRAM: write error: REASON} on stderr
 * for any other failure ({@code > /dev/full}: "No space left on device").
 */
final class Stdout extends FilterOutputStream {
    /** What the shell reports for a process killed by SIGPIPE: 128 + 13. */
    static final int BROKEN_PIPE = 141;

    private final PrintWriter writer;
    private IOException failure;

    /** Standard output on {@code out}, whose writer encodes in {@code charset}. */
    Stdout(OutputStream out, Charset charset) {
        super(out);
        // as picocli makes its own: buffered, flushed at every println
        this.writer =
                new PrintWriter(new BufferedWriter(new OutputStreamWriter(this, charset)), true);
    }

    /** The writer to hand picocli ({@code CommandLine.setOut}). */
    PrintWriter writer() {
        return writer;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private IOException failed(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    /**
     * The exit status of a program that returned {@code status} and printed through {@link
     * #writer}: {@code status} when every write succeeded, else what {@link #writeFailed} says.
     */
    int status(int status, String program, PrintWriter err) {
        writer.flush();
        return failure == null ? status : writeFailed(failure, program, err);
    }

    /**
     * Reports a failed write to stdout: 141 and nothing printed when the reader went away, else one
     * line on {@code err} and 1.
     */
    static int writeFailed(IOException e, String program, PrintWriter err) {
        if (brokenPipe(e)) {
            return BROKEN_PIPE;
        }
        err.println(writeError(e, program));
        err.flush();
        return 1;
    }

    /** {@code PROGRAM: write error: REASON}, as coreutils words it. */
    static String writeError(IOException e, String program) {
        return program + ": write error: " + Md5AllEntry.reason(e);
    }

    /** Whether the write failed because the reading end of a pipe was closed (EPIPE). */
    static boolean brokenPipe(IOException e) {
        return "Broken pipe".equals(e.getMessage());
    }
}
