package io.github.stagehand.example;

import io.github.stagehand.example.TreeStats.Copy;
import io.github.stagehand.example.TreeStats.DuplicateSet;
import io.github.stagehand.example.TreeStats.Extension;
import io.github.stagehand.example.TreeStats.Found;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * treestats' report, written as bytes: three sections, each a heading line starting {@code == },
 * then its rows. Numbers are plain decimals, right-aligned in their column; the text a row ends
 * with (an extension, a path) follows two spaces, escaped so that every row is one line:
 *
 * <pre>
 * == by extension: 5 files, 22 bytes
 * bytes  files  extension
 *    18      3  .txt
 *     4      2  (none)
 *
 * == largest files: 3 of 5
 * bytes  path
 *     6  t/a.txt
 *     6  t/b.txt
 *     6  t/c.txt
 *
 * == duplicates: 1 set, 1 extra copy, 6 bytes in extra copies
 * 6 bytes  2 copies  md5 b1946ac92492d2347c6235b4d2611184
 *   - t/a.txt
 *   = t/c.txt
 *   - t/b.txt
 * </pre>
 *
 * <p>That is {@code treestats --largest 3 t} where {@code t/c.txt} is a hard link to {@code
 * t/a.txt}, {@code t/b.txt} a copy of it, and {@code t/notes} and the empty {@code t/empty} have no
 * extension.
 *
 * <p>In a duplicate set, each copy is a {@code - } line with its first name; its other names (hard
 * links to it) follow as {@code = } lines. An extension is printed with its '.', so {@code (none)}
 * can be no extension's name.
 *
 * <p>Escapes: a backslash is written {@code \\}, a newline {@code \n} and a carriage return {@code
 * \r}; every other byte as it is. Unlike md5sum, which escapes a name only on a line it marks with
 * a leading backslash, the report escapes every backslash, so no mark is needed to read a name
 * back.
 */
final class TreeStatsReport {
    private TreeStatsReport() {}

    /** Writes the report of {@code result} to {@code out}. */
    static void write(OutputStream out, TreeStatsPipeline.Result result) throws IOException {
        List<Extension> extensions = result.extensions();
        long files = 0;
        long bytes = 0;
        for (Extension e : extensions) {
            files += e.files();
            bytes += e.bytes();
        }
        Table byExtension =
                new Table(
                        "== by extension: "
                                + count(files, "file", "files")
                                + ", "
                                + count(bytes, "byte", "bytes"),
                        "bytes",
                        "files",
                        "extension");
        for (Extension e : extensions) {
            byExtension.row(
                    e.bytes(),
                    e.files(),
                    e.suffix().length == 0
                            ? "(none)".getBytes(StandardCharsets.US_ASCII)
                            : e.suffix());
        }
        byExtension.writeTo(out);

        List<Found> largest = result.largest();
        Table sizes =
                new Table(
                        "\n== largest files: " + largest.size() + " of " + files, "bytes", "path");
        for (Found f : largest) {
            sizes.row(f.size(), f.name());
        }
        sizes.writeTo(out);

        writeDuplicates(out, result.duplicates());
    }

    private static void writeDuplicates(OutputStream out, List<DuplicateSet> sets)
            throws IOException {
        long extraCopies = 0;
        long extraBytes = 0;
        for (DuplicateSet set : sets) {
            extraCopies += set.copies().size() - 1;
            extraBytes += set.extraBytes();
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ascii(
                text,
                "\n== duplicates: "
                        + count(sets.size(), "set", "sets")
                        + ", "
                        + count(extraCopies, "extra copy", "extra copies")
                        + ", "
                        + count(extraBytes, "byte", "bytes")
                        + " in extra copies\n");
        for (DuplicateSet set : sets) {
            ascii(
                    text,
                    count(set.size(), "byte", "bytes")
                            + "  "
                            + set.copies().size()
                            + " copies  md5 "
                            + set.md5()
                            + "\n");
            for (Copy copy : set.copies()) {
                String mark = "  - ";
                for (byte[] name : copy.names()) {
                    ascii(text, mark);
                    escape(text, name);
                    text.write('\n');
                    mark = "  = ";
                }
            }
        }
        text.writeTo(out);
    }

    /**
     * A section whose rows are numbers, right-aligned under their headings, and a text last. Rows
     * are kept until {@link #writeTo}, which knows the columns' widths only then.
     */
    private static final class Table {
        private final String heading;
        private final String[] columns;
        private final List<long[]> numbers = new ArrayList<>();
        private final List<byte[]> texts = new ArrayList<>();

        Table(String heading, String... columns) {
            this.heading = heading;
            this.columns = columns;
        }

        void row(long a, byte[] text) {
            numbers.add(new long[] {a});
            texts.add(text);
        }

        void row(long a, long b, byte[] text) {
            numbers.add(new long[] {a, b});
            texts.add(text);
        }

        void writeTo(OutputStream out) throws IOException {
            int[] widths = new int[columns.length - 1];
            for (int c = 0; c < widths.length; c++) {
                widths[c] = columns[c].length();
                for (long[] row : numbers) {
                    widths[c] = Math.max(widths[c], Long.toString(row[c]).length());
                }
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            ascii(text, heading + "\n");
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                line.append(" ".repeat(widths[c] - columns[c].length())).append(columns[c]);
                line.append("  ");
            }
            ascii(text, line.append(columns[columns.length - 1]).append('\n').toString());
            for (int r = 0; r < numbers.size(); r++) {
                line.setLength(0);
                for (int c = 0; c < widths.length; c++) {
                    String n = Long.toString(numbers.get(r)[c]);
                    line.append(" ".repeat(widths[c] - n.length())).append(n).append("  ");
                }
                ascii(text, line.toString());
                escape(text, texts.get(r));
                text.write('\n');
            }
            text.writeTo(out);
        }
    }

    /** Writes {@code bytes} with '\', newline and carriage return escaped. */
    static void escape(ByteArrayOutputStream out, byte[] bytes) {
        for (byte b : bytes) {
            switch (b) {
                case '\\' -> ascii(out, "\\\\");
                case '\n' -> ascii(out, "\\n");
                case '\r' -> ascii(out, "\\r");
                default -> out.write(b);
            }
        }
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
