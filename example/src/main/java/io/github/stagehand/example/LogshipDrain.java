package io.github.stagehand.example;

import io.github.stagehand.runtime.CancelledException;
import io.github.stagehand.runtime.Done;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A graceful stop for a logship run: on Ctrl-C or SIGTERM the head stops reading and returns, as if
 * its files had ended, so that its channel closes, the parse workers finish, the sinks commit what
 * they hold, and the run completes: a drain, not a cancellation (closing the run's {@code done}
 * would drop the batches held). This class is the one place that does it. The runtime's own drain
 * ({@code builder().drain(signal)}) stops a head at its next send or sleep; logship's head stops
 * itself instead, after reading each file to where it ends when the signal comes, so that the lines
 * appended just before it are stored too.
 *
 * <pre>{@code
 * try (LogshipDrain drain = LogshipDrain.onShutdown()) {     // Ctrl-C and SIGTERM stop the head
 *     LogshipPipeline.run(new Logship(..., drain, ...), files);
 *     drain.finished(status);                               // the JVM may exit now, with status
 * }
 * }</pre>
 *
 * <p>The head checks {@link #stopRequested()} between reads and waits between polls with {@link
 * Pause#sleep}, which a stop ends at once. The shutdown hook requests the stop, waits for {@link
 * #finished} and then ends the JVM with the run's status: left to itself, a JVM that a signal shuts
 * down exits with 128 + the signal's number, and the main thread's {@code System.exit} would wait
 * for the hooks forever. Tests request the stop themselves ({@link #stop()}), with no hook.
 *
 * <p>Invariants: {@code stop} closes once, never before a stop is requested; {@code ended} is
 * counted down once the run is over (or the drain closed), and {@code status} is written before.
 */
final class LogshipDrain implements AutoCloseable {
    /** How long the hook waits for the run to drain before it gives up on it. */
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

    private final Done stop = new Done();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile int status = 1;
    private final Thread hook;

    /** A drain that only {@link #stop()} starts. */
    LogshipDrain() {
        this.hook = null;
    }

    private LogshipDrain(boolean onShutdown) {
        this.hook = new Thread(this::drainOnShutdown, "logship-drain");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A drain that Ctrl-C and SIGTERM start, through a shutdown hook. */
    static LogshipDrain onShutdown() {
        return new LogshipDrain(true);
    }

    /** Asks the head to stop reading. */
    void stop() {
        stop.close();
    }

    /** Whether the head should stop reading. */
    boolean stopRequested() {
        return stop.isClosed();
    }

    /** The run is over and its output written: a shutdown may end the JVM with {@code status}. */
    void finished(int status) {
        this.status = status;
        ended.countDown();
    }

    private void drainOnShutdown() {
        stop();
        try {
            boolean drained = ended.await(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            if (!drained) {
                System.err.println(
                        "logship: the lines read were not all stored within "
                                + DRAIN_LIMIT.toSeconds()
                                + " s of the signal; stopping anyway");
            }
            deleteExtractedSqliteLibrary();
            Runtime.getRuntime().halt(drained ? status : 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Deletes the copy of SQLite's native library that sqlite-jdbc extracted to the temporary
     * directory for this process, and its lock file: it deletes them on exit, in a hook that halt
     * skips, and would otherwise leave a megabyte behind for each drained run. The library stays
     * mapped. Linux only ({@code /proc/self/maps}); elsewhere nothing is deleted.
     */
    private static void deleteExtractedSqliteLibrary() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            for (String library :
                    maps.filter(line -> line.contains("/sqlite-") && line.endsWith(".so"))
                            .map(line -> line.substring(line.indexOf('/')))
                            .distinct()
                            .toList()) {
                Files.deleteIfExists(Path.of(library));
                Files.deleteIfExists(Path.of(library + ".lck"));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or nothing to delete: sqlite-jdbc's next start cleans what it can
        }
    }

    /**
     * The head's wait between polls, ended by a stop as well as by the run's {@code done}. Made
     * once per run of the head, and closed when it returns.
     */
    Pause pause(Done done) {
        return new Pause(done);
    }

    /** See {@link #pause}. */
    final class Pause implements AutoCloseable {
        private final Done done;
        private final Done either; // closes when done closes or a stop is requested

        private Pause(Done done) {
            this.done = done;
            this.either = new Done(done, null);
            stop.onClose(either::close);
        }

        /**
         * Sleeps for {@code duration} unless a stop is requested first.
         *
         * @return whether a stop was requested: the head should return
         * @throws CancelledException once the run's {@code done} closes, as {@link Done#sleep}
         */
        boolean sleep(Duration duration) {
            if (stopRequested()) {
                return true;
            }
            try {
                either.sleep(duration);
                return false;
            } catch (CancelledException e) {
                if (done.isClosed() || !stopRequested()) {
                    throw e; // the run was cancelled (or the thread interrupted): not a stop
                }
                return true;
            }
        }

        @Override
        public void close() {
            either.close(); // leaves done's listeners
        }
    }

    /** The run is over: the JVM exits as it would without the hook, which is removed. */
    @Override
    public void close() {
        ended.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or has run: it ends the JVM with the status finished() set
            }
        }
    }
}
