package io.github.stagehand.example;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * md5all's progress line on stderr: files, bytes and rate, redrawn in place at most ten times a
 * second by a daemon thread, and erased at the end. It also serialises error messages with the
 * redraws, so that a message never lands in the middle of a progress line.
 *
 * <pre>{@code
 * Md5AllProgress progress = Md5AllProgress.start(stderr, Md5AllProgress.isTerminal(2));
 * progress.add(bytes);                          // per file, from the one consumer thread
 * progress.error(line);                         // erases the line, writes the message
 * progress.stop();                              // erases the line for good
 * }</pre>
 *
 * <p>Invariants: {@code files} and {@code bytes} are written only by the consumer thread; the line
 * is drawn and erased, and messages written, only under {@code lock}; once {@code stopped} nothing
 * is drawn again.
 */
final class Md5AllProgress {
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100); // 10 per second
    private static final byte[] ERASE = "\r\033[K".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream err;
    private final long start = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopSignal = lock.newCondition();
    private volatile long files;
    private volatile long bytes;
    private boolean drawn; // guarded by lock
    private boolean stopped; // guarded by lock
    private Thread drawer;

    private Md5AllProgress(OutputStream err) {
        this.err = err;
    }

    /** Starts drawing on {@code err} if {@code enabled}; else only passes messages through. */
    static Md5AllProgress start(OutputStream err, boolean enabled) {
        Md5AllProgress progress = new Md5AllProgress(err);
        if (enabled) {
            progress.drawer =
                    Thread.ofPlatform().daemon().name("md5all-progress").start(progress::drawLoop);
        }
        return progress;
    }

    /**
     * Whether file descriptor {@code fd} (1 for stdout, 2 for stderr) is a terminal: on Linux, what
     * {@code /proc/self/fd/<fd>} points at; elsewhere, whether the JVM has a console.
     */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/")
                    || target.startsWith("/dev/tty")
                    || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /** Counts one file of {@code size} bytes. Called by the one consumer thread only. */
    void add(long size) {
        files = files + 1;
        bytes = bytes + size;
    }

    /** Writes {@code message} to stderr, first erasing the progress line if one is drawn. */
    void error(byte[] message) throws IOException {
        lock.lock();
        try {
            erase();
            err.write(message);
            err.flush();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops drawing and erases the line; waits for the drawing thread to end. Stopping again does
     * nothing.
     */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            stopSignal.signalAll();
            erase();
            err.flush();
        } catch (IOException e) {
            // stderr is gone: nothing to erase
        } finally {
            lock.unlock();
        }
        if (drawer != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    drawer.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The text of the line: {@code 1,234 files 56.7 MiB 89.0 MiB/s}. */
    static String line(long files, long bytes, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        return String.format(
                Locale.ROOT,
                "%,d files  %s  %s/s",
                files,
                human(bytes),
                human((long) (bytes / seconds)));
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private void drawLoop() {
        lock.lock();
        try {
            while (!stopped) {
                stopSignal.awaitNanos(PERIOD_NANOS);
                if (stopped) {
                    break;
                }
                err.write(ERASE);
                err.write(
                        line(files, bytes, System.nanoTime() - start)
                                .getBytes(StandardCharsets.UTF_8));
                err.flush();
                drawn = true;
            }
        } catch (InterruptedException | IOException e) {
            // the JVM is going down, or stderr is gone: stop drawing
        } finally {
            lock.unlock();
        }
    }

    /** Precondition: lock held. */
    private void erase() throws IOException {
        if (drawn) {
            err.write(ERASE);
            drawn = false;
        }
    }
}
