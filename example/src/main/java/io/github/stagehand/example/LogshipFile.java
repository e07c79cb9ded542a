package io.github.stagehand.example;

import io.github.stagehand.example.Logship.Line;
import io.github.stagehand.runtime.Out;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * One FILE as logship reads it: its lines, each sent once, from where the last read stopped. The
 * head ({@link Logship#read}) reads a file to its end, or, following it, polls it for growth:
 *
 * <pre>{@code
 * try (LogshipFile file = new LogshipFile("access.log")) {
 *     file.open();
 *     while (file.read(out, Long.MAX_VALUE)) {}   // every complete line there is now
 *     switch (file.change()) { ... }              // renamed away, replaced, truncated?
 * }
 * }</pre>
 *
 * <p>A line ends at {@code \n} (a {@code \r} before it is dropped) and is decoded as UTF-8, a
 * malformed byte becoming U+FFFD. The bytes after the last {@code \n} are held as an unfinished
 * line until the rest arrives; {@link #sendHeld} sends them as a line when the file's content has
 * ended (its end when not following, a rotation, a truncation). Line numbers count from 1 in the
 * file's current content: after a rotation or a truncation they start again.
 *
 * <p>Rotation is seen by the path naming another file than the one open ({@link
 * BasicFileAttributes#fileKey()}: device and inode), truncation by the file being shorter than
 * where the last read stopped. A file truncated and grown past that point again between two polls
 * looks like a file that grew, as it does to {@code tail -F}.
 *
 * <p>Not thread-safe: the head alone uses it.
 */
final class LogshipFile implements Closeable {
    /** How much one read takes at most; a longer line makes the buffer grow. */
    static final int CHUNK = 1 << 16;

    /** What {@link #change()} found at the path. */
    enum Change {
        /** The path still names the open file, at least as long as what was read. */
        NONE,
        /** Nothing is at the path now: renamed away, and the new file not there yet. */
        GONE,
        /** The path names another file now: the open one was rotated. */
        REPLACED,
        /** The open file is shorter than what was read: it was truncated. */
        TRUNCATED
    }

    private final String name;
    private final Path path;
    private FileChannel channel; // null while not open
    private Object key; // the open file's fileKey()
    private long offset; // where the next read starts in the open file
    private long lines; // lines sent from the current content
    private byte[] buffer = new byte[CHUNK];
    private int held; // bytes of an unfinished line at the front of buffer

    /** The file {@code name} names, as given on the command line. */
    LogshipFile(String name) {
        this.name = name;
        this.path = Path.of(name);
    }

    /** The name as given on the command line, which the rows carry. */
    String name() {
        return name;
    }

    /** Whether a file is open. */
    boolean isOpen() {
        return channel != null;
    }

    /**
     * Opens the file the path names now, at its start.
     *
     * @throws IOException if it cannot be opened or is a directory
     */
    void open() throws IOException {
        close();
        for (int attempt = 0; ; attempt++) {
            BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class);
            if (before.isDirectory()) {
                throw new IOException("Is a directory");
            }
            FileChannel opened = FileChannel.open(path, StandardOpenOption.READ);
            // the open file's key, from the path: the same before and after the open unless the
            // file was replaced in between, and then the open is retried
            Object after = keyAt();
            if (Objects.equals(before.fileKey(), after) || attempt == 3) {
                channel = opened;
                key = after;
                offset = 0;
                lines = 0;
                held = 0;
                return;
            }
            opened.close();
        }
    }

    private Object keyAt() throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    /**
     * Reads one chunk, up to {@code until} bytes into the file, and sends every line it completes.
     *
     * @return whether it read anything: false at the end of the file (or at {@code until})
     */
    boolean read(Out<Line> out, long until) throws IOException {
        if (held == buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2); // a very long line
        }
        int room = (int) Math.min(buffer.length - held, until - offset);
        if (room <= 0) {
            return false;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, held, room), offset);
        if (n <= 0) {
            return false;
        }
        offset += n;
        int end = held + n;
        int start = 0;
        for (int i = held; i < end; i++) {
            if (buffer[i] == '\n') {
                send(out, start, i);
                start = i + 1;
            }
        }
        held = end - start;
        System.arraycopy(buffer, start, buffer, 0, held);
        return true;
    }

    /** How far the open file is now: where a last read before stopping ends. */
    long size() throws IOException {
        return channel.size();
    }

    /** Sends the unfinished line held, if any, as a line: the file's content has ended. */
    void sendHeld(Out<Line> out) {
        if (held > 0) {
            send(out, 0, held);
            held = 0;
        }
    }

    private void send(Out<Line> out, int from, int to) {
        if (to > from && buffer[to - 1] == '\r') {
            to--;
        }
        String text = new String(buffer, from, to - from, StandardCharsets.UTF_8);
        out.send(new Line(name, ++lines, text));
    }

    /** What became of the open file at its path since it was opened. */
    Change change() throws IOException {
        Object now;
        try {
            now = keyAt();
        } catch (NoSuchFileException e) {
            return Change.GONE;
        }
        if (!Objects.equals(now, key)) {
            return Change.REPLACED;
        }
        return channel.size() < offset ? Change.TRUNCATED : Change.NONE;
    }

    /**
     * Starts the open file again from its first byte, after a truncation; the unfinished line held
     * must have been sent.
     */
    void restart() {
        offset = 0;
        lines = 0;
        held = 0;
    }

    @Override
    public void close() throws IOException {
        FileChannel open = channel;
        channel = null;
        if (open != null) {
            open.close();
        }
    }
}
