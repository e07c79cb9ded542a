package io.github.stagehand.example;

import io.github.stagehand.example.Logship.Line;
import io.github.stagehand.example.Logship.Reject;
import io.github.stagehand.example.Logship.Request;
import io.github.stagehand.runtime.Out;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * logship's work as one plain loop on the calling thread, the baseline {@code bench/logship.sh}
 * times the pipeline against ({@code logship --loop}, a hidden option): the same reads ({@link
 * LogshipFile}), the same parse ({@link LogshipParser}) and the same batched inserts ({@link
 * LogshipDatabase}), one after another. It loads files once; it does not follow them.
 *
 * <pre>{@code
 * LogshipLoop loop = new LogshipLoop(database, 500, System.err::println);
 * loop.load(List.of("access.log"));
 * }</pre>
 */
final class LogshipLoop implements Out<Line> {
    private final LogshipDatabase database;
    private final int batch;
    private final Consumer<String> problems;
    private final List<Request> requests;
    private final List<Reject> rejects;
    private long requestsStored;
    private long rejectsStored;
    private boolean failed;

    LogshipLoop(LogshipDatabase database, int batch, Consumer<String> problems) {
        this.database = database;
        this.batch = batch;
        this.problems = problems;
        this.requests = new ArrayList<>(Math.min(batch, 1 << 16));
        this.rejects = new ArrayList<>(Math.min(batch, 1 << 16));
    }

    /** Loads every line of {@code files}; a file that cannot be read is reported and skipped. */
    void load(List<String> files) throws SQLException {
        try {
            for (String name : files) {
                try (LogshipFile file = new LogshipFile(name)) {
                    file.open();
                    while (file.read(this, Long.MAX_VALUE)) {}
                    file.sendHeld(this);
                } catch (IOException e) {
                    failed = true;
                    problems.accept(name + ": " + Md5AllEntry.reason(e));
                }
            }
            if (!requests.isEmpty()) {
                store(requests);
            }
            if (!rejects.isEmpty()) {
                storeRejects();
            }
        } catch (Failed e) {
            throw e.getCause();
        }
    }

    /** Parses a line and stores it when its batch is full: {@link LogshipFile} sends it here. */
    @Override
    public void send(Line line) {
        try {
            switch (LogshipParser.parse(line)) {
                case Request r -> {
                    requests.add(r);
                    if (requests.size() == batch) {
                        store(requests);
                    }
                }
                case Reject r -> {
                    rejects.add(r);
                    if (rejects.size() == batch) {
                        storeRejects();
                    }
                }
            }
        } catch (SQLException e) {
            throw new Failed(e);
        }
    }

    private void store(List<Request> rows) throws SQLException {
        database.insertRequests(rows);
        requestsStored += rows.size();
        rows.clear();
    }

    private void storeRejects() throws SQLException {
        database.insertRejects(rejects);
        rejectsStored += rejects.size();
        rejects.clear();
    }

    long requestsStored() {
        return requestsStored;
    }

    long rejectsStored() {
        return rejectsStored;
    }

    boolean failed() {
        return failed;
    }

    /** A failed insert, carried out of {@link #send}, which declares no exception. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
