package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.stagehand.example.Logship.Line;
import io.github.stagehand.example.Logship.Parsed;
import io.github.stagehand.example.Logship.Reject;
import io.github.stagehand.example.Logship.Request;
import io.github.stagehand.example.LogshipFixtures.Generated;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser against the generator's oracle (whose times are worked out by {@code java.time}), the
 * formats' own examples, each reason, and lines mangled at random: it never throws, and a line is
 * either a request or a reject that keeps its text.
 */
class LogshipParserTest {

    private static Parsed parse(String text) {
        return LogshipParser.parse(new Line("access.log", 7, text));
    }

    @Test
    void theFormatsOwnExamples() {
        Request common =
                assertInstanceOf(
                        Request.class,
                        parse(
                                "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET"
                                        + " /apache_pb.gif HTTP/1.0\" 200 2326"));
        assertEquals(
                new Request(
                        "access.log",
                        7,
                        "127.0.0.1",
                        null,
                        "frank",
                        971_211_336,
                        -420,
                        "GET",
                        "/apache_pb.gif",
                        "HTTP/1.0",
                        200,
                        2326L,
                        null,
                        null),
                common);
        Request combined =
                assertInstanceOf(
                        Request.class,
                        parse(
                                "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET"
                                        + " /apache_pb.gif HTTP/1.0\" 200 2326"
                                        + " \"http://www.example.com/start.html\""
                                        + " \"Mozilla/4.08 [en] (Win98; I ;Nav)\""));
        assertEquals("http://www.example.com/start.html", combined.referer());
        assertEquals("Mozilla/4.08 [en] (Win98; I ;Nav)", combined.userAgent());
        // nginx: a request it could not read, no body sent, no referer
        Request timeout =
                assertInstanceOf(
                        Request.class,
                        parse(
                                "192.0.2.9 - - [01/Jan/2024:00:00:05 +0000] \"-\" 408 0 \"-\""
                                        + " \"-\""));
        assertEquals(
                new Request(
                        "access.log",
                        7,
                        "192.0.2.9",
                        null,
                        null,
                        1_704_067_205,
                        0,
                        null,
                        null,
                        null,
                        408,
                        0L,
                        null,
                        null),
                timeout);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyGeneratedLineBecomesWhatTheOracleSays(long seed) {
        Random random = new Random(seed);
        for (Generated g : LogshipFixtures.lines(random, 4000)) {
            Parsed parsed = parse(g.text());
            if (g.reason() != null) {
                assertEquals(new Reject("access.log", 7, g.reason(), g.text()), parsed, g.text());
            } else {
                assertEquals(g.at("access.log", 7), parsed, g.text());
            }
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                "''|empty line",
                " x - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1|bad remote host",
                "h  - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1|bad ident",
                "h -|bad user",
                "h - -  [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1|bad time",
                "h - - [10/Oct/2000:13:55:36 -0700]\"GET / HTTP/1.0\" 200 1|bad request",
                "h - - [10/Oct/2000:13:55:36 -0700] GET / HTTP/1.0 200 1|bad request",
                "h - - [10/Oct/2000:13:55:36 -0700] \"GET\" 200 1|bad request",
                "h - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0 \" 200 1|bad request",
                "h - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 2000 1|bad status",
                "h - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200|bad size",
                "h - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 -1|bad size",
                "h - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1234567890123456789|bad size",
                "h - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1 |bad referer",
                "h - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1 \"r\"|bad user agent",
                "h - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1 \"r\" \"a\\\"|bad user agent",
                "h - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1 \"r\" \"a\" x|trailing text",
                "h - - [10/Oct/0000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1|bad time",
                "h - - [10/Oct/2000:13:55:36 +1830] \"GET / HTTP/1.0\" 200 1|bad time",
            })
    void eachReasonNamesTheFirstFieldThatIsWrong(String text, String reason) {
        assertEquals(new Reject("access.log", 7, reason, text), parse(text));
    }

    @Test
    void quotedFieldsReadTheirEscapes() {
        Request r =
                assertInstanceOf(
                        Request.class,
                        parse(
                                "h - - [10/Oct/2000:13:55:36 -0700] \"GET /a\\\"b\\\\c\\x41"
                                        + " HTTP/1.1\" 200 1 \"\\\"\" \"\\\\\""));
        assertEquals("/a\"b\\c\\x41", r.path());
        assertEquals("\"", r.referer());
        assertEquals("\\", r.userAgent());
    }

    @Test
    void timesAgreeWithJavaTimeFromTheFirstYearToTheLast() {
        Random random = new Random(11);
        long first = LocalDate.of(1, 1, 2).toEpochDay() * 86_400;
        long last = LocalDate.of(9999, 12, 30).toEpochDay() * 86_400;
        for (int i = 0; i < 100_000; i++) {
            long second = random.nextLong(first, last + 1);
            ZoneOffset offset =
                    ZoneOffset.ofTotalSeconds(60 * (random.nextInt(36 * 60 + 1) - 18 * 60));
            OffsetDateTime time = Instant.ofEpochSecond(second).atOffset(offset);
            String text =
                    "h - - ["
                            + LogshipFixtures.LOG_TIME.format(time)
                            + "] \"GET / HTTP/1.0\" 200 1";
            Request r = assertInstanceOf(Request.class, parse(text), text);
            assertEquals(second, r.time(), text);
            assertEquals(offset.getTotalSeconds() / 60, r.utcOffset(), text);
        }
        for (LocalDate d = LocalDate.of(1899, 12, 1); d.getYear() < 2101; d = d.plusDays(1)) {
            assertEquals(
                    d.toEpochDay(),
                    LogshipParser.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void linesMangledAtRandomAreRequestsOrRejectsNeverFailures(long seed) {
        Random random = new Random(seed);
        String alphabet = " -[]\"\\/:+0123456789GETHTP.abcOctFeb\t\u00e9";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder(LogshipFixtures.good(random).text());
            for (int edits = 1 + random.nextInt(4); edits > 0 && !line.isEmpty(); edits--) {
                int at = random.nextInt(line.length());
                switch (random.nextInt(3)) {
                    case 0 -> line.deleteCharAt(at);
                    case 1 -> line.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default ->
                            line.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = line.toString();
            Parsed parsed = parse(text);
            if (parsed instanceof Reject reject) {
                assertEquals(text, reject.text());
            } else {
                assertInstanceOf(Request.class, parsed, text);
            }
        }
    }
}
