package io.github.stagehand.example;

import io.github.stagehand.example.Logship.Reject;
import io.github.stagehand.example.Logship.Request;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * logship's SQLite database: the tables {@code requests} and {@code rejects}, created if missing
 * (rows are appended to a database that has them), and one transaction per batch of rows.
 *
 * <pre>{@code
 * try (LogshipDatabase db = LogshipDatabase.open(Path.of("logship.db"), false)) {
 *     db.insertRequests(batch);     // one transaction: a prepared statement's batch, then commit
 * }
 * }</pre>
 *
 * <p>Both sinks share one connection, and take turns on it under a lock, one whole transaction
 * each. SQLite lets one writer at a time into a database anyway; with a connection each, a sink
 * that finds the other's transaction open would wait in SQLite's busy handler, which sleeps in
 * native code and so holds its virtual thread's carrier, where waiting for this lock unmounts it.
 * The journal is a write-ahead log ({@code journal_mode=WAL}), so readers (a {@code sqlite3} shell,
 * the tests) see every committed batch while logship writes, and with {@code synchronous=NORMAL} a
 * commit writes the log without waiting for the disk: a committed batch survives logship being
 * killed, and is lost only if the machine loses power before the next checkpoint.
 *
 * <p>Checkpoints (copying the log into the database file, and the two {@code fsync}s that make it
 * durable) are most of what a commit costs when SQLite makes them itself, every 1,000 pages of log,
 * on the committing thread. {@code checkpointsApart} leaves them to a {@link Checkpointer} of their
 * own instead, which the pipeline runs as a stage beside the sinks: the writer then only appends to
 * the log. While the writer goes on committing, a checkpoint cannot empty the log, so during a long
 * load the log grows to about the size of the rows loaded; it starts over once a checkpoint has
 * caught up with the writer (between the commits of a follow, at the end of a load), and when it
 * passes {@link Checkpointer#RESTART_BYTES} the checkpointer makes it start over.
 *
 * <p>Invariants: {@code connection} is used only with {@code lock} held; autocommit is off, and
 * every method that writes ends with a commit or a rollback, so no transaction stays open between
 * calls.
 */
final class LogshipDatabase implements AutoCloseable {

    /** The schema, also in docs/logship.md. */
    static final String SCHEMA =
            """
            CREATE TABLE IF NOT EXISTS requests (
                file        TEXT    NOT NULL,  -- the FILE as given on the command line
                line        INTEGER NOT NULL,  -- its line number, from 1
                remote_host TEXT    NOT NULL,
                ident       TEXT,              -- NULL for -
                user        TEXT,              -- NULL for -
                time        INTEGER NOT NULL,  -- Unix time, seconds: 971211336
                utc_offset  INTEGER NOT NULL,  -- minutes east of UTC: -420 for -0700
                method      TEXT,              -- NULL when the request was -
                path        TEXT,              -- NULL when the request was -
                protocol    TEXT,              -- NULL for - and for METHOD PATH (HTTP/0.9)
                status      INTEGER NOT NULL,
                bytes       INTEGER,           -- NULL for -
                referer     TEXT,              -- NULL for - and in the Common Log Format
                user_agent  TEXT               -- NULL for - and in the Common Log Format
            );
            CREATE TABLE IF NOT EXISTS rejects (
                file        TEXT    NOT NULL,
                line        INTEGER NOT NULL,
                reason      TEXT    NOT NULL,  -- bad status, bad time, ...
                text        TEXT    NOT NULL   -- the line as read
            );
            """;

    private final ReentrantLock lock = new ReentrantLock();
    private final Path file;
    private final Connection connection;
    private final PreparedStatement insertRequest;
    private final PreparedStatement insertReject;

    private LogshipDatabase(Path file, Connection connection, boolean checkpointsApart)
            throws SQLException {
        this.file = file;
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            configure(statement);
            if (checkpointsApart) {
                statement.execute("PRAGMA wal_autocheckpoint = 0");
            }
            for (String create : SCHEMA.split(";")) {
                if (!create.isBlank()) {
                    statement.execute(create);
                }
            }
        }
        connection.setAutoCommit(false);
        insertRequest =
                connection.prepareStatement(
                        "INSERT INTO requests (file, line, remote_host, ident, user, time,"
                                + " utc_offset, method, path, protocol, status, bytes, referer,"
                                + " user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertReject =
                connection.prepareStatement(
                        "INSERT INTO rejects (file, line, reason, text) VALUES (?, ?, ?, ?)");
        connection.commit();
    }

    /** Every connection's settings: the write-ahead log, and waiting for another writer. */
    private static void configure(Statement statement) throws SQLException {
        statement.execute("PRAGMA busy_timeout = 10000"); // another process writing
        statement.execute("PRAGMA journal_mode = WAL");
        statement.execute("PRAGMA synchronous = NORMAL");
    }

    private static Connection connect(Path file) throws SQLException {
        // a file: URI, so that no character of the path is read as a parameter ('?')
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri());
    }

    /**
     * Opens (or creates) the database at {@code file}, with its tables.
     *
     * @param checkpointsApart whether a {@link #checkpointer()} checkpoints the log, rather than
     *     SQLite on the committing thread
     * @throws SQLException if it cannot be opened or is not a database
     */
    static LogshipDatabase open(Path file, boolean checkpointsApart) throws SQLException {
        Connection connection = connect(file);
        try {
            return new LogshipDatabase(file, connection, checkpointsApart);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** A checkpointer of this database's log, on a connection and a thread of its own. */
    Checkpointer checkpointer() throws SQLException {
        return new Checkpointer();
    }

    /** Inserts {@code rows} in one transaction. */
    void insertRequests(List<Request> rows) throws SQLException {
        lock.lock();
        try {
            PreparedStatement insert = insertRequest;
            for (Request r : rows) {
                insert.setString(1, r.file());
                insert.setLong(2, r.line());
                insert.setString(3, r.remoteHost());
                insert.setString(4, r.ident());
                insert.setString(5, r.user());
                insert.setLong(6, r.time());
                insert.setInt(7, r.utcOffset());
                insert.setString(8, r.method());
                insert.setString(9, r.path());
                insert.setString(10, r.protocol());
                insert.setInt(11, r.status());
                if (r.bytes() == null) {
                    insert.setNull(12, Types.INTEGER);
                } else {
                    insert.setLong(12, r.bytes());
                }
                insert.setString(13, r.referer());
                insert.setString(14, r.userAgent());
                insert.addBatch();
            }
            commit(insert);
        } finally {
            lock.unlock();
        }
    }

    /** Inserts {@code rows} in one transaction. */
    void insertRejects(List<Reject> rows) throws SQLException {
        lock.lock();
        try {
            PreparedStatement insert = insertReject;
            for (Reject r : rows) {
                insert.setString(1, r.file());
                insert.setLong(2, r.line());
                insert.setString(3, r.reason());
                insert.setString(4, r.text());
                insert.addBatch();
            }
            commit(insert);
        } finally {
            lock.unlock();
        }
    }

    /** Runs the batch added to {@code insert} and commits it, or rolls it back. Holds the lock. */
    private void commit(PreparedStatement insert) throws SQLException {
        try {
            insert.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            insert.clearBatch();
            try {
                connection.rollback();
            } catch (SQLException second) {
                e.addSuppressed(second);
            }
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        lock.lock();
        try {
            insertRequest.close();
            insertReject.close();
        } finally {
            try {
                connection.close(); // the last connection out checkpoints the log into the database
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Copies what the writer committed from the log into the database file, beside the writer:
     * SQLite's passive checkpoint, which neither waits for the writer nor stops it.
     *
     * <pre>{@code
     * try (LogshipDatabase.Checkpointer checkpointer = database.checkpointer()) {
     *     for (Committed c : committed) {
     *         checkpointer.checkpoint();
     *     }
     * }
     * }</pre>
     *
     * <p>It runs on a platform thread of its own: a checkpoint waits for the disk in native code,
     * where a virtual thread would hold its carrier, and the pipeline has only as many carriers as
     * cores. The stage that calls {@link #checkpoint} waits for it unmounted.
     */
    final class Checkpointer implements AutoCloseable {
        /** A log this long is made to start over: the writer waits for one checkpoint. */
        static final long RESTART_BYTES = 512L << 20;

        private final Connection side;
        private final long frameBytes; // a page of the log, and its frame header
        private final ExecutorService thread =
                Executors.newSingleThreadExecutor(
                        Thread.ofPlatform().name("logship-checkpoint").daemon().factory());

        private Checkpointer() throws SQLException {
            side = connect(file);
            try (Statement statement = side.createStatement()) {
                configure(statement);
                try (ResultSet page = statement.executeQuery("PRAGMA page_size")) {
                    page.next();
                    frameBytes = page.getLong(1) + 24;
                }
            } catch (SQLException | RuntimeException e) {
                side.close();
                throw e;
            }
        }

        /**
         * Checkpoints what has been committed; when the log has grown past {@link #RESTART_BYTES},
         * once more while the writer waits, so that its next transaction starts the log over.
         */
        void checkpoint() throws SQLException, InterruptedException {
            try {
                thread.submit(
                                () -> {
                                    long logBytes = passive();
                                    if (logBytes > RESTART_BYTES) {
                                        lock.lock();
                                        try {
                                            passive(); // the last few frames: all are in the file
                                        } finally {
                                            lock.unlock();
                                        }
                                    }
                                    return null;
                                })
                        .get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** A passive checkpoint; returns how long the log is, in bytes. On the thread. */
        private long passive() throws SQLException {
            try (Statement statement = side.createStatement();
                    ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                result.next();
                return result.getLong(2) * frameBytes;
            }
        }

        @Override
        public void close() throws SQLException {
            thread.shutdown();
            try {
                thread.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                side.close();
            }
        }
    }
}
