package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.stagehand.example.Logship.Reject;
import io.github.stagehand.example.Logship.Request;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * What the logship tests share: a generator of access-log lines that knows what each must become
 * (the oracle: a request's columns worked out with {@code java.time}, not with the parser's
 * arithmetic, or a reject's reason), the command run in this JVM, and the database's rows read
 * back.
 */
final class LogshipFixtures {
    private LogshipFixtures() {}

    /** The log's time format, read with {@code java.time}. */
    static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /**
     * One generated line and what logship must store for it: {@code request} (with file and line
     * left empty) or {@code reason}.
     */
    record Generated(String text, Request request, String reason) {
        Request at(String file, long line) {
            Request r = request;
            return new Request(
                    file,
                    line,
                    r.remoteHost(),
                    r.ident(),
                    r.user(),
                    r.time(),
                    r.utcOffset(),
                    r.method(),
                    r.path(),
                    r.protocol(),
                    r.status(),
                    r.bytes(),
                    r.referer(),
                    r.userAgent());
        }
    }

    private static final String[] HOSTS = {
        "127.0.0.1",
        "10.1.2.3",
        "::1",
        "2001:db8::8a2e:370:7334",
        "crawler.example.org",
        "ü.example"
    };
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "HEAD", "PUT", "DELETE"};
    private static final String[] PATHS = {
        "/",
        "/index.html",
        "/apache_pb.gif",
        "/search?q=caf%C3%A9&page=2",
        "/zoë/日本",
        "/a\\\"b\\\"",
        "/back\\\\slash",
        "/hex\\x16\\x03"
    };
    private static final String[] AGENTS = {
        "Mozilla/4.08 [en] (Win98; I ;Nav)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)",
        "curl/8.5.0",
        "say \\\"hi\\\"",
        "Ünïcode-Agent/1.0",
        "-"
    };
    private static final String[] REFERERS = {
        "-", "http://www.example.com/start.html", "https://ref.example/?a=1&b=\\\"2\\\""
    };

    /** {@code count} lines from {@code random}: about a tenth malformed, of every kind. */
    static List<Generated> lines(Random random, int count) {
        List<Generated> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(random.nextInt(10) == 0 ? malformed(random) : good(random));
        }
        return lines;
    }

    /** A line in the Common or the Combined Log Format, and its row. */
    static Generated good(Random random) {
        String host = pick(random, HOSTS);
        String ident = random.nextInt(8) == 0 ? "ident" + random.nextInt(9) : "-";
        String user = random.nextInt(4) == 0 ? pick(random, "frank", "zoë", "u-1") : "-";
        // any second from 1990 to 2040, at an offset of whole quarter hours from -12:00 to +14:00
        Instant instant = Instant.ofEpochSecond(631_152_000L + random.nextLong(1_577_836_800L));
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(900 * (random.nextInt(105) - 48));
        OffsetDateTime time = instant.atOffset(offset);
        String method = null;
        String path = null;
        String protocol = null;
        String request;
        int shape = random.nextInt(12);
        if (shape == 0) {
            request = "-";
        } else {
            method = pick(random, METHODS);
            String logged = pick(random, PATHS);
            path = unescape(logged);
            if (shape == 1) {
                request = method + " " + logged; // HTTP/0.9
            } else {
                protocol = pick(random, "HTTP/1.0", "HTTP/1.1", "HTTP/2.0");
                request = method + " " + logged + " " + protocol;
            }
        }
        int status = 100 + random.nextInt(500);
        Long bytes = random.nextInt(6) == 0 ? null : random.nextLong(10_000_000_000L);
        StringBuilder text =
                new StringBuilder()
                        .append(host)
                        .append(' ')
                        .append(ident)
                        .append(' ')
                        .append(user)
                        .append(" [")
                        .append(LOG_TIME.format(time))
                        .append("] \"")
                        .append(request)
                        .append("\" ")
                        .append(status)
                        .append(' ')
                        .append(bytes == null ? "-" : bytes.toString());
        String referer = null;
        String agent = null;
        if (random.nextBoolean()) { // combined
            String loggedReferer = pick(random, REFERERS);
            String loggedAgent = pick(random, AGENTS);
            text.append(" \"").append(loggedReferer).append("\" \"").append(loggedAgent);
            text.append('"');
            referer = loggedReferer.equals("-") ? null : unescape(loggedReferer);
            agent = loggedAgent.equals("-") ? null : unescape(loggedAgent);
        }
        Request row =
                new Request(
                        "",
                        0,
                        host,
                        ident.equals("-") ? null : ident,
                        user.equals("-") ? null : user,
                        instant.getEpochSecond(),
                        offset.getTotalSeconds() / 60,
                        method,
                        path,
                        protocol,
                        status,
                        bytes,
                        referer,
                        agent);
        return new Generated(text.toString(), row, null);
    }

    /** A line in neither format, and the reason logship must give. */
    static Generated malformed(Random random) {
        Generated good = good(random);
        String s = good.text();
        boolean combined = s.endsWith("\"");
        int timeOpen = s.indexOf(" [");
        int requestOpen = s.indexOf("] \"") + 2;
        int requestClose = requestOpen + 1 + closing(s.substring(requestOpen + 1));
        int statusEnd = requestClose + 5;
        int kind = random.nextInt(14);
        return switch (kind) {
            case 0 -> bad(pick(random, "", "   ", "\t"), LogshipParser.EMPTY);
            case 1 -> bad("garbage", LogshipParser.BAD_IDENT);
            case 2 -> bad("this is not a log line", LogshipParser.BAD_TIME);
            case 3 -> // cut inside the time's brackets
                    bad(s.substring(0, timeOpen + 2 + random.nextInt(27)), LogshipParser.BAD_TIME);
            case 4 -> // cut inside the request's quotes
                    bad(
                            s.substring(
                                    0,
                                    requestOpen + 1 + random.nextInt(requestClose - requestOpen)),
                            LogshipParser.BAD_REQUEST);
            case 5 -> bad(s.substring(0, statusEnd), LogshipParser.BAD_SIZE); // no size
            case 6 -> bad(s.substring(0, requestClose + 1), LogshipParser.BAD_STATUS); // no status
            case 7 -> // a status that is not one
                    bad(
                            s.substring(0, requestClose + 2)
                                    + pick(random, "2x0", "099", "600", "abc")
                                    + s.substring(statusEnd),
                            LogshipParser.BAD_STATUS);
            case 8 -> // a day that is not in its month, a month that is no month, 24 o'clock
                    bad(
                            s.substring(0, timeOpen + 2)
                                    + pick(
                                            random,
                                            "31/Feb/2000:13:55:36 -0700",
                                            "30/Feb/2004:00:00:00 +0000",
                                            "29/Feb/1900:00:00:00 +0000",
                                            "10/Foo/2000:13:55:36 -0700",
                                            "10/oct/2000:13:55:36 -0700",
                                            "10/Oct/2000:24:00:00 -0700",
                                            "10/Oct/2000:13:60:36 -0700",
                                            "00/Oct/2000:13:55:36 -0700",
                                            "10/Oct/2000:13:55:36 -2500",
                                            "10/Oct/2000 13:55:36 -0700")
                                    + s.substring(timeOpen + 28),
                            LogshipParser.BAD_TIME);
            case 9 -> // a size that is not one
                    bad(
                            s.substring(0, statusEnd) + " 12a" + s.substring(sizeEnd(s, statusEnd)),
                            LogshipParser.BAD_SIZE);
            case 10 ->
                    bad(
                            s + (combined ? " \"extra\"" : " extra"),
                            combined ? LogshipParser.TRAILING : LogshipParser.BAD_REFERER);
            case 11 -> // a request that is not METHOD TARGET [PROTOCOL]
                    bad(
                            s.substring(0, requestOpen + 1)
                                    + pick(random, "\\x16\\x03\\x01", "GET /a b HTTP/1.1", "GET  /")
                                    + s.substring(requestClose),
                            LogshipParser.BAD_REQUEST);
            case 12 -> { // cut inside the referer's or the user agent's quotes
                if (!combined) {
                    yield bad(s + " \"http://cut", LogshipParser.BAD_REFERER);
                }
                int agentOpen = s.lastIndexOf(" \"") + 1;
                int refererOpen = sizeEnd(s, statusEnd) + 1;
                yield random.nextBoolean()
                        ? bad(
                                s.substring(
                                        0,
                                        refererOpen
                                                + 1
                                                + random.nextInt(agentOpen - 2 - refererOpen)),
                                LogshipParser.BAD_REFERER)
                        : bad(
                                s.substring(
                                        0,
                                        agentOpen + 1 + random.nextInt(s.length() - 1 - agentOpen)),
                                LogshipParser.BAD_AGENT);
            }
            default -> bad(s.substring(0, s.indexOf(' ')), LogshipParser.BAD_IDENT); // a host only
        };
    }

    private static Generated bad(String text, String reason) {
        return new Generated(text, null, reason);
    }

    /** Where the size ends: the end of the line, or the space before the referer. */
    private static int sizeEnd(String s, int statusEnd) {
        int space = s.indexOf(' ', statusEnd + 1);
        return space < 0 ? s.length() : space;
    }

    /**
     * The index of the quote that closes a quoted field whose text starts at 0, escapes skipped.
     */
    private static int closing(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '"') {
                return i;
            }
        }
        throw new IllegalArgumentException("no closing quote in " + s);
    }

    /** A quoted field as logged, with its \" and \\ read as the characters they escape. */
    static String unescape(String logged) {
        return logged.replace("\\\\", "\u0000").replace("\\\"", "\"").replace("\u0000", "\\");
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Writes {@code lines} to a new {@code file}, each ended by {@code \n}: the rows expected. */
    static Expected write(Path file, String name, List<Generated> lines) throws IOException {
        return append(file, name, lines, "\n", 1);
    }

    /**
     * Appends {@code lines} to {@code file} (created if missing), each ended by {@code end}, the
     * first being line {@code first}: the rows expected of them under {@code name}.
     */
    static Expected append(Path file, String name, List<Generated> lines, String end, long first)
            throws IOException {
        StringBuilder text = new StringBuilder();
        Expected expected = new Expected(new ArrayList<>(), new ArrayList<>());
        long number = first;
        for (Generated g : lines) {
            text.append(g.text()).append(end);
            if (g.reason() != null) {
                expected.rejects().add(new Reject(name, number, g.reason(), g.text()));
            } else {
                expected.requests().add(g.at(name, number));
            }
            number++;
        }
        Files.writeString(
                file,
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return expected;
    }

    /** The rows expected in the two tables. */
    record Expected(List<Request> requests, List<Reject> rejects) {
        Expected plus(Expected more) {
            List<Request> r = new ArrayList<>(requests);
            r.addAll(more.requests());
            List<Reject> j = new ArrayList<>(rejects);
            j.addAll(more.rejects());
            return new Expected(r, j);
        }

        Expected sorted() {
            return new Expected(
                    requests.stream().sorted(REQUEST_ORDER).toList(),
                    rejects.stream().sorted(REJECT_ORDER).toList());
        }
    }

    static final Comparator<Request> REQUEST_ORDER =
            Comparator.comparing(Request::file).thenComparingLong(Request::line);
    static final Comparator<Reject> REJECT_ORDER =
            Comparator.comparing(Reject::file).thenComparingLong(Reject::line);

    /**
     * Asserts that the database holds exactly the rows {@code expected}, by file and line; on a
     * difference, says where the first one is rather than printing thousands of rows.
     */
    static void assertRows(Expected expected, Path db) throws SQLException {
        Expected sorted = expected.sorted();
        assertSame("requests", sorted.requests(), requests(db));
        assertSame("rejects", sorted.rejects(), rejects(db));
    }

    static <T> void assertSame(String table, List<T> expected, List<T> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                fail(
                        table
                                + ": row "
                                + i
                                + " of "
                                + actual.size()
                                + " ("
                                + expected.size()
                                + " expected) differs:\nexpected "
                                + expected.get(i)
                                + "\nbut was  "
                                + actual.get(i));
            }
        }
        if (expected.size() != actual.size()) {
            fail(
                    table
                            + ": "
                            + actual.size()
                            + " rows but "
                            + expected.size()
                            + " expected; the"
                            + " first extra or missing: "
                            + (actual.size() > expected.size()
                                    ? actual.get(expected.size())
                                    : expected.get(actual.size())));
        }
    }

    /** What a run printed and returned. */
    record Run(int exit, String out, String err) {}

    /** Runs {@code logship ARGS} in this JVM, with a drain no signal starts. */
    static Run logship(String... args) {
        return logship(new LogshipDrain(), args);
    }

    /** Runs {@code logship ARGS} in this JVM, with {@code drain}. */
    static Run logship(LogshipDrain drain, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new LogshipCommand(() -> drain));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Every row of {@code requests}, by file and line. */
    static List<Request> requests(Path db) throws SQLException {
        List<Request> rows = new ArrayList<>();
        try (Connection c = connect(db);
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT file, line, remote_host, ident, user, time, utc_offset,"
                                        + " method, path, protocol, status, bytes, referer,"
                                        + " user_agent FROM requests ORDER BY file, line, rowid")) {
            while (r.next()) {
                long bytes = r.getLong(12);
                Long size = r.wasNull() ? null : bytes;
                rows.add(
                        new Request(
                                r.getString(1),
                                r.getLong(2),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                r.getLong(6),
                                r.getInt(7),
                                r.getString(8),
                                r.getString(9),
                                r.getString(10),
                                r.getInt(11),
                                size,
                                r.getString(13),
                                r.getString(14)));
            }
        }
        return rows;
    }

    /** Every row of {@code rejects}, by file and line. */
    static List<Reject> rejects(Path db) throws SQLException {
        List<Reject> rows = new ArrayList<>();
        try (Connection c = connect(db);
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT file, line, reason, text FROM rejects"
                                        + " ORDER BY file, line, rowid")) {
            while (r.next()) {
                rows.add(new Reject(r.getString(1), r.getLong(2), r.getString(3), r.getString(4)));
            }
        }
        return rows;
    }

    /** How many rows {@code query} counts, or -1 while the database or its table is not there. */
    static long count(Path db, String table) {
        if (!Files.exists(db)) {
            return -1;
        }
        try (Connection c = connect(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            return r.next() ? r.getLong(1) : -1;
        } catch (SQLException e) {
            return -1; // not created yet
        }
    }

    private static Connection connect(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath().toUri());
    }

    /**
     * Waits until {@code condition} holds, checking every 20 ms, for at most {@code limit}: a
     * generous bound for what must happen, never a measurement.
     */
    static void await(String what, Duration limit, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
