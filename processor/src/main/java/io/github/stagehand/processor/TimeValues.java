package io.github.stagehand.processor;

import com.palantir.javapoet.CodeBlock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durations and rates of {@code @Stage}'s time attributes ({@code linger}, {@code every},
 * {@code rate}), read at compile time. A duration is a positive whole number followed at once by
 * {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} or {@code h} ({@code "500ms"}); a rate
 * is a positive whole number, a slash and one of {@code ms}, {@code s}, {@code m}, {@code h}
 * ({@code "100/s"}). Nothing else parses: no spaces, no sign, no fractions, no zero, no unit of a
 * day (whose length a calendar decides).
 */
final class TimeValues {
    private TimeValues() {}

    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ns|us|ms|s|m|h)");
    private static final Pattern RATE = Pattern.compile("([0-9]+)/(ms|s|m|h)");

    /** Nanoseconds per unit. */
    private static final Map<String, Long> UNITS =
            Map.of(
                    "ns", 1L,
                    "us", 1_000L,
                    "ms", 1_000_000L,
                    "s", 1_000_000_000L,
                    "m", 60_000_000_000L,
                    "h", 3_600_000_000_000L);

    /** A duration as written: {@code amount} of {@code unit}. */
    record Span(long amount, String unit) {
        long nanos() {
            return amount * UNITS.get(unit); // parse checked that it fits
        }

        /** {@code Duration.ofSeconds(5)}, in the unit it was written in. */
        CodeBlock code() {
            return switch (unit) {
                case "ns" -> CodeBlock.of("$T.ofNanos($L)", Duration.class, amount);
                case "us" -> CodeBlock.of("$T.ofNanos($L)", Duration.class, nanos());
                case "ms" -> CodeBlock.of("$T.ofMillis($L)", Duration.class, amount);
                case "s" -> CodeBlock.of("$T.ofSeconds($L)", Duration.class, amount);
                case "m" -> CodeBlock.of("$T.ofMinutes($L)", Duration.class, amount);
                default -> CodeBlock.of("$T.ofHours($L)", Duration.class, amount);
            };
        }

        @Override
        public String toString() {
            return amount + unit;
        }
    }

    /** A rate as written: {@code elements} per one {@code per}. */
    record Rate(long elements, Span per) {
        @Override
        public String toString() {
            return elements + "/" + per.unit();
        }
    }

    /**
     * The duration {@code text} states; empty if it does not parse, is zero, or is too long to
     * count in nanoseconds (about 292 years).
     */
    static Optional<Span> duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return positive(m.group(1), UNITS.get(m.group(2)))
                .map(amount -> new Span(amount, m.group(2)));
    }

    /** The rate {@code text} states; empty if it does not parse or its count is zero. */
    static Optional<Rate> rate(String text) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        // at most Long.MAX_VALUE / 2 elements: the runtime keeps a fraction of up to twice that
        return positive(m.group(1), 2).map(elements -> new Rate(elements, new Span(1, m.group(2))));
    }

    /** {@code digits} as a positive number whose product with {@code factor} fits in a long. */
    private static Optional<Long> positive(String digits, long factor) {
        try {
            long n = Long.parseLong(digits);
            if (n < 1 || n > Long.MAX_VALUE / factor) {
                return Optional.empty();
            }
            return Optional.of(n);
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }
}
