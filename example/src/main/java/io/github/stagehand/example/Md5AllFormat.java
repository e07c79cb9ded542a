package io.github.stagehand.example;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * md5sum's output, byte for byte: the line {@code <hex> <path>\n}, and the quoting of a path in an
 * error message. Paths are bytes; nothing here decodes them.
 *
 * <pre>{@code
 * Md5AllFormat lines = new Md5AllFormat();
 * lines.writeLine(out, digest);               // \<hex>  a\\b for a file named a\b
 * err.write(Md5AllFormat.errorLine(path, "No such file or directory"));
 * }</pre>
 *
 * <p>One instance holds a scratch buffer, so it is used by one thread.
 */
final class Md5AllFormat {
    private byte[] scratch = new byte[256];

    /**
     * Writes md5sum's line for a digest: {@code hex, two spaces, path, newline}. As coreutils 9
     * does, a path holding a backslash, a newline or a carriage return is written with those
     * escaped ({@code \\}, {@code \n}, {@code \r}) and the line starts with a backslash, so that
     * {@code md5sum -c} reads it back.
     */
    void writeLine(OutputStream out, byte[] path, String hex) throws IOException {
        int need = 1 + hex.length() + 2 + 2 * path.length + 1;
        if (scratch.length < need) {
            scratch = new byte[Math.max(need, 2 * scratch.length)];
        }
        byte[] line = scratch;
        int n = 0;
        boolean escaped = needsEscape(path);
        if (escaped) {
            line[n++] = '\\';
        }
        for (int i = 0; i < hex.length(); i++) {
            line[n++] = (byte) hex.charAt(i);
        }
        line[n++] = ' ';
        line[n++] = ' ';
        if (!escaped) {
            System.arraycopy(path, 0, line, n, path.length);
            n += path.length;
        } else {
            for (byte b : path) {
                switch (b) {
                    case '\\' -> {
                        line[n++] = '\\';
                        line[n++] = '\\';
                    }
                    case '\n' -> {
                        line[n++] = '\\';
                        line[n++] = 'n';
                    }
                    case '\r' -> {
                        line[n++] = '\\';
                        line[n++] = 'r';
                    }
                    default -> line[n++] = b;
                }
            }
        }
        line[n++] = '\n';
        out.write(line, 0, n);
    }

    private static boolean needsEscape(byte[] path) {
        for (byte b : path) {
            if (b == '\\' || b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    /** {@code md5all: <quoted path>: <reason>\n}, as md5sum words its errors. */
    static byte[] errorLine(byte[] path, String reason) {
        byte[] quoted = quote(path);
        byte[] head = "md5all: ".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (": " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] line = Arrays.copyOf(head, head.length + quoted.length + tail.length);
        System.arraycopy(quoted, 0, line, head.length, quoted.length);
        System.arraycopy(tail, 0, line, head.length + quoted.length, tail.length);
        return line;
    }

    /**
     * Quotes {@code path} for a message as coreutils' {@code quotef} does in a UTF-8 locale (shell
     * escape style): as is when nothing in it is special to a shell; in double quotes when the only
     * problem is a single quote; else in single quotes, a single quote written {@code '\''}, and
     * control characters and bytes that are not UTF-8 written as {@code $'\n'}, {@code $'\377'}.
     */
    static byte[] quote(byte[] path) {
        boolean special = path.length == 0 || path[0] == '#' || path[0] == '~';
        boolean singleQuote = false;
        boolean unsafeInDoubleQuotes = false;
        boolean escapes = false;
        for (int i = 0; i < path.length; ) {
            int len = utf8Length(path, i);
            if (isControl(path, i, len)) {
                escapes = true;
                i++;
                continue;
            }
            if (len == 1) {
                int c = path[i];
                if (c == '\'') {
                    singleQuote = true;
                } else if (" !\"$&()*:;<=>?[\\^`|".indexOf(c) >= 0) {
                    special = true;
                    unsafeInDoubleQuotes |= "\"$\\`!".indexOf(c) >= 0;
                }
            }
            i += len;
        }
        if (!special && !singleQuote && !escapes) {
            return path.clone();
        }
        if (singleQuote && !escapes && !unsafeInDoubleQuotes) {
            ByteArrayOutputStream doubleQuoted = new ByteArrayOutputStream(path.length + 2);
            doubleQuoted.write('"');
            doubleQuoted.writeBytes(path);
            doubleQuoted.write('"');
            return doubleQuoted.toByteArray();
        }
        ByteArrayOutputStream quoted = new ByteArrayOutputStream(path.length + 8);
        quoted.write('\'');
        boolean inEscapes = false; // inside $'...' rather than '...'
        for (int i = 0; i < path.length; ) {
            int len = utf8Length(path, i);
            if (isControl(path, i, len)) {
                if (!inEscapes) {
                    quoted.writeBytes(ascii("'$'"));
                    inEscapes = true;
                }
                quoted.writeBytes(ascii(cEscape(path[i] & 0xff)));
                i++;
                continue;
            }
            if (inEscapes) {
                quoted.writeBytes(ascii("''")); // close $'...', open '...'
                inEscapes = false;
            }
            if (path[i] == '\'') {
                quoted.writeBytes(ascii("'\\''"));
            } else {
                quoted.write(path, i, len);
            }
            i += len;
        }
        quoted.write('\'');
        return quoted.toByteArray();
    }

    private static boolean isControl(byte[] s, int i, int utf8Length) {
        return utf8Length < 0 || (utf8Length == 1 && (s[i] < 0x20 || s[i] == 0x7f));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String cEscape(int c) {
        return switch (c) {
            case 0x07 -> "\\a";
            case 0x08 -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case 0x0b -> "\\v";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            default -> String.format("\\%03o", c);
        };
    }

    /**
     * The length of the well-formed UTF-8 sequence at {@code i}, or -1 if the byte there does not
     * start one. C1 controls (U+0080..U+009F) count as not printable, so as -1.
     */
    private static int utf8Length(byte[] s, int i) {
        int b = s[i] & 0xff;
        if (b < 0x80) {
            return 1;
        }
        int len;
        int min;
        if (b >= 0xc2 && b <= 0xdf) {
            len = 2;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            len = 3;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            len = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + len > s.length) {
            return -1;
        }
        int cp = b & (0xff >> (len + 1));
        for (int k = 1; k < len; k++) {
            int cont = s[i + k] & 0xff;
            if ((cont & 0xc0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (cont & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0xa0) {
            return -1;
        }
        return len;
    }
}
