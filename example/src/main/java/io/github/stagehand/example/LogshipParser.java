package io.github.stagehand.example;

import io.github.stagehand.example.Logship.Line;
import io.github.stagehand.example.Logship.Parsed;
import io.github.stagehand.example.Logship.Reject;
import io.github.stagehand.example.Logship.Request;

/**
 * Reads one access-log line in the Common Log Format or the Combined Log Format, Apache's and
 * nginx's defaults:
 *
 * <pre>
 * 127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326
 * 127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://ref/" "Mozilla/4.08"
 * </pre>
 *
 * <pre>{@code
 * switch (LogshipParser.parse(new Line("access.log", 1, text))) {
 *     case Request r -> ...;   // r.status() == 200, r.time() == 971211336
 *     case Reject r -> ...;    // r.reason() == "bad status", ...
 * }
 * }</pre>
 *
 * <p>Fields are separated by one space. A {@code -} for the ident, the user, the size, the referer
 * or the user agent is absent (null). The time becomes Unix time, in seconds ({@code 971211336}),
 * and its offset from UTC minutes east of it ({@code -420}). The request is {@code -} or {@code
 * METHOD TARGET [PROTOCOL]}. In a quoted field, {@code \"} and {@code \\} are read as the
 * characters they escape; other escapes ({@code \xhh}) are kept as they were logged.
 *
 * <p>A line that is not one of the two formats is a {@link Reject} whose reason names the first
 * field that is missing or malformed: {@code bad remote host}, {@code bad ident}, {@code bad user},
 * {@code bad time}, {@code bad request}, {@code bad status}, {@code bad size}, {@code bad referer},
 * {@code bad user agent}; or {@code empty line}, or {@code trailing text} after the user agent.
 */
final class LogshipParser {
    static final String EMPTY = "empty line";
    static final String BAD_HOST = "bad remote host";
    static final String BAD_IDENT = "bad ident";
    static final String BAD_USER = "bad user";
    static final String BAD_TIME = "bad time";
    static final String BAD_REQUEST = "bad request";
    static final String BAD_STATUS = "bad status";
    static final String BAD_SIZE = "bad size";
    static final String BAD_REFERER = "bad referer";
    static final String BAD_AGENT = "bad user agent";
    static final String TRAILING = "trailing text";

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /** {@code [dd/Mon/yyyy:HH:mm:ss +hhmm]} */
    private static final int TIME_LENGTH = 28;

    private LogshipParser() {}

    /** The line as a request, or as a reject that says why it is not one. */
    static Parsed parse(Line line) {
        String s = line.text();
        int n = s.length();
        if (s.isBlank()) {
            return reject(line, EMPTY);
        }
        // remote host, ident, user: tokens ended by one space
        int hostEnd = s.indexOf(' ');
        if (hostEnd <= 0) {
            return reject(line, hostEnd == 0 ? BAD_HOST : BAD_IDENT);
        }
        int identEnd = s.indexOf(' ', hostEnd + 1);
        if (identEnd <= hostEnd + 1) {
            return reject(line, identEnd < 0 && hostEnd + 1 < n ? BAD_USER : BAD_IDENT);
        }
        int userEnd = s.indexOf(' ', identEnd + 1);
        if (userEnd <= identEnd + 1) {
            return reject(line, userEnd < 0 && identEnd + 1 < n ? BAD_TIME : BAD_USER);
        }
        int at = userEnd + 1;
        // [10/Oct/2000:13:55:36 -0700]
        if (at + TIME_LENGTH > n || s.charAt(at) != '[' || s.charAt(at + TIME_LENGTH - 1) != ']') {
            return reject(line, BAD_TIME);
        }
        long second = utcSecond(s, at + 1);
        if (second == Long.MIN_VALUE) {
            return reject(line, BAD_TIME);
        }
        at += TIME_LENGTH;
        // "GET /path HTTP/1.1"
        if (at >= n || s.charAt(at) != ' ') {
            return reject(line, BAD_REQUEST);
        }
        int requestEnd = closingQuote(s, at + 1);
        if (requestEnd < 0) {
            return reject(line, BAD_REQUEST);
        }
        String request = unquote(s, at + 2, requestEnd);
        String method = null;
        String path = null;
        String protocol = null;
        if (!request.equals("-")) {
            int first = request.indexOf(' ');
            if (first <= 0) {
                return reject(line, BAD_REQUEST);
            }
            int protocolSpace = request.indexOf(' ', first + 1);
            int pathEnd = protocolSpace < 0 ? request.length() : protocolSpace;
            if (pathEnd == first + 1
                    || (protocolSpace >= 0
                            && (protocolSpace + 1 == request.length()
                                    || request.indexOf(' ', protocolSpace + 1) >= 0))) {
                return reject(line, BAD_REQUEST);
            }
            method = request.substring(0, first);
            path = request.substring(first + 1, pathEnd);
            protocol = protocolSpace < 0 ? null : request.substring(protocolSpace + 1);
        }
        at = requestEnd + 1;
        // status: three digits, 100 to 599
        if (at + 4 > n || s.charAt(at) != ' ' || (at + 4 < n && s.charAt(at + 4) != ' ')) {
            return reject(line, BAD_STATUS);
        }
        int status = digits(s, at + 1, at + 4);
        if (status < 100 || status > 599) {
            return reject(line, BAD_STATUS);
        }
        at += 4;
        // size: bytes sent, or - for none
        if (at >= n) {
            return reject(line, BAD_SIZE);
        }
        int sizeEnd = s.indexOf(' ', at + 1);
        if (sizeEnd < 0) {
            sizeEnd = n;
        }
        Long bytes = size(s, at + 1, sizeEnd);
        if (bytes != null && bytes < 0) {
            return reject(line, BAD_SIZE);
        }
        if (sizeEnd == n) {
            return request(line, s, hostEnd, identEnd, userEnd, second, method, path, protocol)
                    .status(status, bytes, null, null);
        }
        // combined: "referer" "user agent", and nothing after
        int refererEnd = closingQuote(s, sizeEnd + 1);
        if (refererEnd < 0) {
            return reject(line, BAD_REFERER);
        }
        at = refererEnd + 1;
        if (at >= n || s.charAt(at) != ' ') {
            return reject(line, BAD_AGENT);
        }
        int agentEnd = closingQuote(s, at + 1);
        if (agentEnd < 0) {
            return reject(line, BAD_AGENT);
        }
        if (agentEnd + 1 != n) {
            return reject(line, TRAILING);
        }
        return request(line, s, hostEnd, identEnd, userEnd, second, method, path, protocol)
                .status(
                        status,
                        bytes,
                        dashIsNull(unquote(s, sizeEnd + 2, refererEnd)),
                        dashIsNull(unquote(s, at + 2, agentEnd)));
    }

    /** The fields up to the request, waiting for the rest. */
    private record Head(
            Line line,
            String host,
            String ident,
            String user,
            long time,
            int offset,
            String method,
            String path,
            String protocol) {
        Request status(int status, Long bytes, String referer, String userAgent) {
            return new Request(
                    line.file(),
                    line.number(),
                    host,
                    ident,
                    user,
                    time,
                    offset,
                    method,
                    path,
                    protocol,
                    status,
                    bytes,
                    referer,
                    userAgent);
        }
    }

    private static Head request(
            Line line,
            String s,
            int hostEnd,
            int identEnd,
            int userEnd,
            long second,
            String method,
            String path,
            String protocol) {
        int zone = userEnd + 1 + 22; // the offset's sign: [dd/Mon/yyyy:HH:mm:ss +hhmm]
        int minutes = digits(s, zone + 1, zone + 3) * 60 + digits(s, zone + 3, zone + 5);
        int offset = s.charAt(zone) == '-' ? -minutes : minutes;
        return new Head(
                line,
                s.substring(0, hostEnd),
                dashIsNull(s.substring(hostEnd + 1, identEnd)),
                dashIsNull(s.substring(identEnd + 1, userEnd)),
                second,
                offset,
                method,
                path,
                protocol);
    }

    private static Reject reject(Line line, String reason) {
        return new Reject(line.file(), line.number(), reason, line.text());
    }

    private static String dashIsNull(String field) {
        return field.equals("-") ? null : field;
    }

    /**
     * Where the quoted field that starts at {@code open} ends: the index of its closing quote, or
     * -1 if {@code open} is not a quote or the line ends first. A backslash escapes the next
     * character.
     */
    private static int closingQuote(String s, int open) {
        int n = s.length();
        if (open >= n || s.charAt(open) != '"') {
            return -1;
        }
        for (int i = open + 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                i++;
            }
        }
        return -1;
    }

    /**
     * The quoted text from {@code from} to {@code to}, with {@code \"} and {@code \\} unescaped.
     */
    private static String unquote(String s, int from, int to) {
        int slash = s.indexOf('\\', from);
        if (slash < 0 || slash >= to) {
            return s.substring(from, to);
        }
        StringBuilder text = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                c = s.charAt(++i);
            }
            text.append(c);
        }
        return text.toString();
    }

    /** The decimal number in {@code s[from, to)}, or -1 if that is not all digits. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The size in {@code s[from, to)}: null for {@code -}, -1 if it is no size. */
    private static Long size(String s, int from, int to) {
        if (to - from == 1 && s.charAt(from) == '-') {
            return null;
        }
        if (from >= to || to - from > 18) {
            return -1L;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1L;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The UTC second of {@code dd/Mon/yyyy:HH:mm:ss +hhmm} at {@code at}, or {@link Long#MIN_VALUE}
     * if that is not a valid time (the day must exist in its month).
     */
    private static long utcSecond(String s, int at) {
        if (s.charAt(at + 2) != '/'
                || s.charAt(at + 6) != '/'
                || s.charAt(at + 11) != ':'
                || s.charAt(at + 14) != ':'
                || s.charAt(at + 17) != ':'
                || s.charAt(at + 20) != ' ') {
            return Long.MIN_VALUE;
        }
        int day = digits(s, at, at + 2);
        int month = MONTHS.indexOf(s.substring(at + 3, at + 6));
        int year = digits(s, at + 7, at + 11);
        int hour = digits(s, at + 12, at + 14);
        int minute = digits(s, at + 15, at + 17);
        int sec = digits(s, at + 18, at + 20);
        char sign = s.charAt(at + 21);
        int offsetHours = digits(s, at + 22, at + 24);
        int offsetMinutes = digits(s, at + 24, at + 26);
        if (month < 0 || month % 3 != 0 || year < 1 || hour < 0 || hour > 23) {
            return Long.MIN_VALUE;
        }
        month = month / 3 + 1;
        if (day < 1
                || day > daysIn(year, month)
                || minute < 0
                || minute > 59
                || sec < 0
                || sec > 59
                || (sign != '+' && sign != '-')
                || offsetHours < 0
                || offsetHours > 18
                || offsetMinutes < 0
                || offsetMinutes > 59) {
            return Long.MIN_VALUE;
        }
        int offset = offsetHours * 3600 + offsetMinutes * 60;
        if (offset > 18 * 3600) {
            return Long.MIN_VALUE;
        }
        long local = epochDay(year, month, day) * 86_400 + hour * 3600 + minute * 60 + sec;
        return sign == '+' ? local - offset : local + offset;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Hinnant's algorithm). */
    static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
