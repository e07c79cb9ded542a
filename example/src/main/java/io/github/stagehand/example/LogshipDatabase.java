package io.github.stagehand.example;

import io.github.stagehand.example.Logship.Reject;
import io.github.stagehand.example.Logship.Request;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * logship's SQLite database: the tables {@code requests} and {@code rejects}, created if missing
 * (rows are appended to a database that has them), and one transaction per batch of rows.
 *
 * <pre>{@code
 * try (LogshipDatabase db = LogshipDatabase.open(Path.of("logship.db"))) {
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
                time        TEXT    NOT NULL,  -- UTC, ISO-8601: 2000-10-10T20:55:36Z
                utc_offset  TEXT    NOT NULL,  -- the offset logged: -07:00
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
    private final Connection connection;
    private final PreparedStatement insertRequest;
    private final PreparedStatement insertReject;

    private LogshipDatabase(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000"); // another process writing
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = NORMAL");
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

    /**
     * Opens (or creates) the database at {@code file}, with its tables.
     *
     * @throws SQLException if it cannot be opened or is not a database
     */
    static LogshipDatabase open(Path file) throws SQLException {
        // a file: URI, so that no character of the path is read as a parameter ('?')
        Connection connection =
                DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri());
        try {
            return new LogshipDatabase(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
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
                insert.setString(6, r.time());
                insert.setString(7, r.utcOffset());
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
}
