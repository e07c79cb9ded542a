package io.github.stagehand.example;

import io.github.stagehand.runtime.PipelineStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code logship [--db FILE] [--batch N] [--linger DURATION] [--workers N] [--follow] [--stats]
 * FILE...}: loads web-server access logs into a SQLite database ({@link Logship}), and prints
 * {@code DB: N requests, M rejects} for what it stored.
 *
 * <p>Exit status: 0 when every file was read; 1 when a file could not be (each is reported on
 * stderr as {@code logship: FILE: reason}, and the others are loaded) or the database could not be
 * opened or written ({@code logship: DB: reason}); 2 for a bad command line. Ctrl-C and SIGTERM
 * stop the reading, and what was read is stored before the exit ({@link LogshipDrain}).
 */
@Command(
        name = "logship",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Load web-server access logs (the Common and the Combined Log Format of Apache and"
                    + " nginx) into the SQLite database DB: table requests, one row per request,"
                    + " and table rejects, the lines in neither format and why. A batch of rows"
                    + " is one transaction, stored when it is full or LINGER after its first row.",
            "With --follow, go on reading the FILEs as they grow, through rotation and"
                    + " truncation, as tail -F does, until Ctrl-C or SIGTERM; then store what was"
                    + " read and exit.",
            "Exit status: 0 if every FILE was read, 1 if any could not be or the database"
                    + " failed, 2 for a bad command line."
        })
final class LogshipCommand implements Callable<Integer> {
    static final int MAX_WORKERS = 1024;
    static final int MAX_BATCH = 1_000_000;

    @Option(
            names = "--db",
            paramLabel = "DB",
            defaultValue = "logship.db",
            description =
                    "the SQLite database, created if missing; rows are added to its tables"
                            + " (default: ${DEFAULT-VALUE})")
    Path db;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "500",
            description = "rows per transaction at most (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(
            names = "--linger",
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description =
                    "how long a row waits at most for its batch to fill: a positive integer and"
                            + " one of ns, us, ms, s, m, h (default: ${DEFAULT-VALUE})")
    Duration linger;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "2",
            description = "parse workers (default: ${DEFAULT-VALUE}, at most 1024)")
    int workers;

    @Option(
            names = "--follow",
            description = "go on reading the files as they grow, until Ctrl-C or SIGTERM")
    boolean follow;

    @Option(
            names = "--stats",
            description =
                    "at the end, print each stage's statistics on stderr: elements, time busy and"
                            + " waiting, the bottleneck marked")
    boolean stats;

    /** The baseline of bench/logship.sh: the same work as one plain loop ({@link LogshipLoop}). */
    @Option(names = "--loop", hidden = true)
    boolean loop;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "access logs, read in order")
    List<String> files;

    @Spec CommandSpec spec;

    private final Supplier<LogshipDrain> drains;

    /** The command as the program runs it: Ctrl-C and SIGTERM drain the run. */
    LogshipCommand() {
        this(LogshipDrain::onShutdown);
    }

    /** The command with the drain {@code drains} makes (tests stop it themselves). */
    LogshipCommand(Supplier<LogshipDrain> drains) {
        this.drains = drains;
    }

    @Override
    public Integer call() {
        if (batch < 1 || batch > MAX_BATCH) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--batch must be from 1 to " + MAX_BATCH + " but was " + batch);
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--workers must be from 1 to " + MAX_WORKERS + " but was " + workers);
        }
        if (loop && follow) {
            throw new ParameterException(spec.commandLine(), "--loop does not follow");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LogshipDrain drain = drains.get()) {
            int status = load(drain, out, err);
            out.flush();
            err.flush();
            drain.finished(status);
            return status;
        }
    }

    private int load(LogshipDrain drain, PrintWriter out, PrintWriter err) {
        PipelineStats recorded = stats ? new PipelineStats() : null;
        // the loop lets SQLite checkpoint as it commits; the pipeline has a stage for it
        try (LogshipDatabase database = LogshipDatabase.open(db, !loop)) {
            boolean failed;
            long requests;
            long rejects;
            java.util.function.Consumer<String> problems =
                    problem -> {
                        err.println("logship: " + problem);
                        err.flush();
                    };
            if (loop) {
                LogshipLoop plain = new LogshipLoop(database, batch, problems);
                plain.load(files);
                failed = plain.failed();
                requests = plain.requestsStored();
                rejects = plain.rejectsStored();
            } else {
                Logship logship = new Logship(database, follow, drain, problems);
                var pipeline =
                        LogshipPipeline.builder(logship)
                                .parseWorkers(workers)
                                .storeRequestsBatch(batch)
                                .storeRequestsLinger(linger)
                                .storeRejectsBatch(batch)
                                .storeRejectsLinger(linger)
                                // room for parsed rows while a sink commits: several batches, so
                                // that the sink never waits for parse to catch up after a commit
                                .parseBuffer(Math.max(4096, Math.min(2 * batch, 65536)));
                if (recorded != null) {
                    pipeline.stats(recorded);
                }
                try {
                    pipeline.run(files);
                } finally {
                    if (recorded != null) {
                        err.print(recorded);
                        err.flush();
                    }
                }
                failed = logship.failed();
                requests = logship.requestsStored();
                rejects = logship.rejectsStored();
            }
            out.println(db + ": " + requests + " requests, " + rejects + " rejects");
            return failed ? 1 : 0;
        } catch (SQLException e) {
            err.println("logship: " + db + ": " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("logship: " + Md5AllEntry.reason(e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // this thread's own: kept for the caller
            err.println("logship: interrupted");
            return 1;
        }
    }

    /**
     * Reads a duration as {@code @Stage}'s attributes write it: a positive integer immediately
     * followed by one unit, {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} or {@code h}
     * ({@code 500ms}, {@code 1s}).
     */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern DURATION = Pattern.compile("([1-9][0-9]*)(ns|us|ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = DURATION.matcher(value);
            if (!m.matches()) {
                throw new TypeConversionException(
                        "expected a positive integer and one of ns, us, ms, s, m, h (as in 500ms"
                                + " or 1s) but was '"
                                + value
                                + "'");
            }
            ChronoUnit unit =
                    switch (m.group(2)) {
                        case "ns" -> ChronoUnit.NANOS;
                        case "us" -> ChronoUnit.MICROS;
                        case "ms" -> ChronoUnit.MILLIS;
                        case "s" -> ChronoUnit.SECONDS;
                        case "m" -> ChronoUnit.MINUTES;
                        default -> ChronoUnit.HOURS;
                    };
            try {
                Duration d = Duration.of(Long.parseLong(m.group(1)), unit);
                d.toNanos(); // a linger is waited for in nanoseconds
                return d;
            } catch (NumberFormatException | ArithmeticException e) {
                throw new TypeConversionException("'" + value + "' is too long a duration");
            }
        }
    }
}
