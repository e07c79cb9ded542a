package io.github.stagehand.example;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import io.github.stagehand.runtime.Received;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.InvalidPathException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Web-server access logs into SQLite, as a pipeline graph: the head reads the lines of each file
 * (and, following, the lines appended to them), {@code parse} turns each into a request or a reject
 * on two workers, and one sink per kind stores them, a batch per transaction.
 *
 * <pre>
 * read -> parse (2 workers) -> parse.requests -> storeRequests (table requests)
 *                           -> parse.rejects  -> storeRejects  (table rejects)
 * </pre>
 *
 * <pre>{@code
 * try (LogshipDatabase database = LogshipDatabase.open(Path.of("logship.db"), true);
 *         LogshipDrain drain = new LogshipDrain()) {
 *     Logship logship = new Logship(database, false, drain, System.err::println);
 *     LogshipPipeline.builder(logship).parseWorkers(4).storeRequestsBatch(1000).run(files);
 * }
 * }</pre>
 *
 * <p>The formats and the rejects' reasons are {@link LogshipParser}'s, the tables {@link
 * LogshipDatabase}'s. A file that cannot be read is reported through {@code problems} ({@code FILE:
 * reason}) and the others are read on; without following, a file is read to its end once.
 * Following, the head polls every file for growth, rotation and truncation ({@link LogshipFile})
 * until the drain stops it ({@link LogshipDrain}).
 */
public final class Logship {
    /** How long the head waits, following, when no file had anything new. */
    static final Duration POLL = Duration.ofMillis(100);

    /**
     * How many committed rows make a checkpoint due: about as many pages of log (some 4 MiB) as
     * make SQLite checkpoint by itself.
     */
    static final long CHECKPOINT_ROWS = 20_000;

    /** How long the sinks commit nothing before a checkpoint catches up with them. */
    static final Duration CHECKPOINT_IDLE = Duration.ofMillis(100);

    /**
     * A line as read.
     *
     * @param file the FILE as given on the command line
     * @param number its line number in the file's current content, from 1
     * @param text the line without its end ({@code \n} or {@code \r\n})
     */
    public record Line(String file, long number, String text) {}

    /** What {@code parse} makes of a line. */
    public sealed interface Parsed permits Request, Reject {}

    /**
     * A line in the Common or Combined Log Format: a row of table {@code requests}. {@code time} is
     * Unix time in seconds, {@code utcOffset} the logged offset in minutes east of UTC; an absent
     * field is null.
     */
    public record Request(
            String file,
            long line,
            String remoteHost,
            String ident,
            String user,
            long time,
            int utcOffset,
            String method,
            String path,
            String protocol,
            int status,
            Long bytes,
            String referer,
            String userAgent)
            implements Parsed {}

    /** A line in neither format, and why: a row of table {@code rejects}. */
    public record Reject(String file, long line, String reason, String text) implements Parsed {}

    /** A transaction a sink committed, of {@code rows} rows. */
    public record Committed(int rows) {}

    private final LogshipDatabase database;
    private final boolean follow;
    private final LogshipDrain drain;
    private final Consumer<String> problems;
    private volatile boolean failed;
    private final AtomicLong requestsStored = new AtomicLong();
    private final AtomicLong rejectsStored = new AtomicLong();

    /**
     * @param database where the sinks store rows
     * @param follow whether to follow the files as they grow, until the drain stops the head
     * @param drain what stops the head early
     * @param problems told of each file that cannot be read, as {@code FILE: reason}
     */
    public Logship(
            LogshipDatabase database,
            boolean follow,
            LogshipDrain drain,
            Consumer<String> problems) {
        this.database = database;
        this.follow = follow;
        this.drain = drain;
        this.problems = problems;
    }

    /** Whether a file could not be read (and was reported). */
    public boolean failed() {
        return failed;
    }

    /** How many requests were committed. */
    public long requestsStored() {
        return requestsStored.get();
    }

    /** How many rejects were committed. */
    public long rejectsStored() {
        return rejectsStored.get();
    }

    /**
     * Sends the lines of each file in turn; following, then polls them all until the drain stops
     * it, and sends what they held when it did.
     */
    @Stage
    void read(Out<Line> out, Done done, List<String> files) throws IOException {
        List<LogshipFile> opened = new ArrayList<>();
        try {
            for (String name : files) {
                LogshipFile file = file(name);
                if (file != null) {
                    opened.add(file);
                }
            }
            if (follow) {
                follow(out, done, opened);
            } else {
                for (LogshipFile file : opened) {
                    if (drain.stopRequested()) {
                        break;
                    }
                    load(out, file);
                }
            }
        } finally {
            for (LogshipFile file : opened) {
                file.close();
            }
        }
    }

    /** Turns a line into a request or a reject. */
    @Stage(workers = 2)
    void parse(Line line, Out<Request> requests, Out<Reject> rejects) {
        switch (LogshipParser.parse(line)) {
            case Request r -> requests.send(r);
            case Reject r -> rejects.send(r);
        }
    }

    /**
     * Stores a batch of requests in one transaction, and says so to {@code checkpoint}. The batches
     * are the runtime's ({@code @Stage(batch, linger)}): up to {@code --batch} rows, handed over
     * when full, once the first has waited {@code --linger}, or at the end of the input; the
     * command sets both through the builder.
     */
    @Stage(from = "parse.requests", batch = 500, linger = "1s")
    void storeRequests(List<Request> rows, Out<Committed> committed) throws SQLException {
        database.insertRequests(rows);
        requestsStored.addAndGet(rows.size());
        committed.send(new Committed(rows.size()));
    }

    /** Stores a batch of rejects in one transaction, as {@link #storeRequests} does requests. */
    @Stage(from = "parse.rejects", batch = 500, linger = "1s")
    void storeRejects(List<Reject> rows, Out<Committed> committed) throws SQLException {
        database.insertRejects(rows);
        rejectsStored.addAndGet(rows.size());
        committed.send(new Committed(rows.size()));
    }

    /**
     * Copies what the sinks committed from SQLite's log into the database file, beside them ({@link
     * LogshipDatabase.Checkpointer}): once {@link #CHECKPOINT_ROWS} rows have been committed since
     * the last checkpoint, and whenever the sinks pause for {@link #CHECKPOINT_IDLE}, so that the
     * log can start over between the commits of a follow.
     */
    @Stage(from = {"storeRequests", "storeRejects"})
    void checkpoint(In<Committed> committed) throws SQLException, InterruptedException {
        try (LogshipDatabase.Checkpointer checkpointer = database.checkpointer()) {
            long rows = 0; // committed since the last checkpoint
            while (true) {
                Received<Committed> next =
                        rows == 0
                                ? received(committed.receive())
                                : committed.receive(CHECKPOINT_IDLE);
                switch (next) {
                    case Received.Element<Committed> e -> {
                        rows += e.value().rows();
                        if (rows >= CHECKPOINT_ROWS) {
                            checkpointer.checkpoint();
                            rows = 0;
                        }
                    }
                    case Received.Timeout<Committed> t -> {
                        checkpointer.checkpoint();
                        rows = 0;
                    }
                    case Received.End<Committed> e -> {
                        if (rows > 0) {
                            checkpointer.checkpoint();
                        }
                        return;
                    }
                }
            }
        }
    }

    private static <T> Received<T> received(T value) {
        return value == null ? new Received.End<>() : new Received.Element<>(value);
    }

    private LogshipFile file(String name) {
        try {
            return new LogshipFile(name);
        } catch (InvalidPathException e) {
            problem(name, e.getReason());
            return null;
        }
    }

    /** Sends every line of {@code file}, unless a stop comes first. */
    private void load(Out<Line> out, LogshipFile file) throws IOException {
        try {
            file.open();
            while (file.read(out, Long.MAX_VALUE)) {
                if (drain.stopRequested()) {
                    return; // the rest of the file is not read, so what is held is no line
                }
            }
            file.sendHeld(out); // a last line without its \n
        } catch (ClosedByInterruptException e) {
            throw e; // the run was cancelled
        } catch (IOException e) {
            problem(file.name(), Md5AllEntry.reason(e));
        } finally {
            file.close();
        }
    }

    /**
     * Polls every file until the drain stops the head, then reads each one to where it ends at that
     * moment. A file that cannot be opened is reported once and tried again at every poll.
     */
    private void follow(Out<Line> out, Done done, List<LogshipFile> files) throws IOException {
        List<LogshipFile> following = new ArrayList<>(files);
        boolean[] reported = new boolean[files.size()];
        try (LogshipDrain.Pause pause = drain.pause(done)) {
            while (!drain.stopRequested()) {
                boolean grew = false;
                for (int i = 0; i < following.size(); i++) {
                    LogshipFile file = following.get(i);
                    try {
                        if (!file.isOpen()) {
                            file.open();
                            reported[i] = false;
                        }
                        grew |= poll(out, file);
                    } catch (ClosedByInterruptException e) {
                        throw e;
                    } catch (IOException e) {
                        file.close();
                        if (!reported[i]) {
                            reported[i] = true;
                            problem(file.name(), Md5AllEntry.reason(e));
                        }
                    }
                }
                if (!grew && pause.sleep(POLL)) {
                    break;
                }
            }
        }
        // stopped: what was written before the stop is read, and not what comes after
        for (LogshipFile file : following) {
            if (file.isOpen()) {
                try {
                    long end = file.size();
                    while (file.read(out, end)) {}
                } catch (ClosedByInterruptException e) {
                    throw e;
                } catch (IOException e) {
                    problem(file.name(), Md5AllEntry.reason(e));
                }
            }
        }
    }

    /**
     * Sends what {@code file} has that is new, following it to a new file at its path or to its
     * start after a truncation; returns whether anything was read.
     */
    private boolean poll(Out<Line> out, LogshipFile file) throws IOException {
        boolean grew = false;
        while (file.read(out, Long.MAX_VALUE)) {
            grew = true;
            if (drain.stopRequested()) {
                return true;
            }
        }
        switch (file.change()) {
            case NONE, GONE -> {} // GONE: renamed away, and no new file yet; the old one may grow
            case REPLACED -> {
                while (file.read(out, Long.MAX_VALUE)) {} // what came before the rename
                file.sendHeld(out); // the old file's content has ended
                file.open();
                grew = true;
            }
            case TRUNCATED -> {
                file.sendHeld(out);
                file.restart();
                grew = true;
            }
        }
        return grew;
    }

    private void problem(String name, String reason) {
        failed = true;
        problems.accept(name + ": " + reason);
    }
}
