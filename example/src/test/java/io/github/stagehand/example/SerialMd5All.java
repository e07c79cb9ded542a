package io.github.stagehand.example;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The seed's serial MD5All (the Go blog's {@code serial.go}), kept as the oracle: walk the tree,
 * read each regular file whole, digest it, sort everything by path at the end, print md5sum's
 * lines. Deliberately plain and independent of {@link Md5All}: it sorts whole paths instead of
 * ordering each directory, reads a name's bytes from its URI instead of from its string, and
 * escapes with its own code. It knows no errors: use it on readable trees only.
 *
 * <pre>{@code
 * byte[] expected = SerialMd5All.sums("MD5", List.of(root));
 * }</pre>
 */
final class SerialMd5All {
    private SerialMd5All() {}

    /** md5sum's output for every regular file under {@code roots} (each a directory). */
    static byte[] sums(String jcaAlgorithm, List<Path> roots) throws IOException {
        record Sum(byte[] path, String hex) {}
        List<Sum> sums = new ArrayList<>();
        for (Path root : roots) {
            byte[] rootBytes = root.toString().getBytes(StandardCharsets.US_ASCII);
            String rootUri = root.toUri().getRawPath(); // a directory's ends in '/'
            Files.walkFileTree(
                    root,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            if (attrs.isRegularFile()) { // links are not followed: a link is none
                                String rel = file.toUri().getRawPath().substring(rootUri.length());
                                byte[] path = concat(rootBytes, new byte[] {'/'}, unescape(rel));
                                sums.add(
                                        new Sum(path, hex(jcaAlgorithm, Files.readAllBytes(file))));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        }
        sums.sort((a, b) -> Arrays.compareUnsigned(a.path(), b.path()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Sum sum : sums) {
            byte[] escaped = escape(sum.path());
            if (escaped.length != sum.path().length) {
                out.write('\\');
            }
            out.writeBytes(sum.hex().getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(new byte[] {' ', ' '});
            out.writeBytes(escaped);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** md5sum's escaping: \ as \\, newline as \n, carriage return as \r. */
    private static byte[] escape(byte[] path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : path) {
            switch (b) {
                case '\\' -> out.writeBytes(new byte[] {'\\', '\\'});
                case '\n' -> out.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> out.writeBytes(new byte[] {'\\', 'r'});
                default -> out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** The bytes a URI's percent-encoded path stands for. */
    private static byte[] unescape(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
