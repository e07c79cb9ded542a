package io.github.stagehand.example;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One entry of md5all's walk, lstat'ed, in the order the walk visits it: by the bytes of its name,
 * a directory's name taken as ending in '/'. Also what the walk needs to see names as bytes, join
 * them as {@code find} does, and word errors as strerror does.
 *
 * <pre>{@code
 * byte[] name = Md5AllEntry.nameBytes(entry);                       // exact, in any locale
 * Md5AllEntry child = Md5AllEntry.of(entry, Md5AllEntry.join(dir.printed, name), name, false);
 * children.sort(null);                                               // the walk's order
 * }</pre>
 */
final class Md5AllEntry implements Comparable<Md5AllEntry> {

    /** The charset the JDK decodes file names with ({@code sun.jnu.encoding}). */
    static final Charset FILE_NAMES = fileNameCharset();

    /** Where to open it; null for a root that is not a path. */
    final Path path;

    /** The path as printed: the root as given, joined with the names as find joins them. */
    final byte[] printed;

    /** What the walk sorts siblings by: the name's bytes, a directory's followed by '/'. */
    final byte[] key;

    final boolean directory;
    final boolean regular;
    final long size;

    /** Why it could not be lstat'ed, or null. */
    final String error;

    private Md5AllEntry(
            Path path, byte[] printed, byte[] name, BasicFileAttributes attrs, String error) {
        this.path = path;
        this.printed = printed;
        this.directory = attrs != null && attrs.isDirectory();
        this.regular = attrs != null && attrs.isRegularFile();
        this.size = attrs != null ? attrs.size() : 0;
        this.key = directory ? Arrays.copyOf(name, name.length + 1) : name;
        if (directory) {
            this.key[name.length] = '/';
        }
        this.error = error;
    }

    /**
     * lstat's {@code path} (stat's it if {@code followLink}); an entry that cannot be (it vanished,
     * ...) carries the error.
     */
    static Md5AllEntry of(Path path, byte[] printed, byte[] name, boolean followLink) {
        try {
            BasicFileAttributes attrs =
                    followLink
                            ? Files.readAttributes(path, BasicFileAttributes.class)
                            : Files.readAttributes(
                                    path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Md5AllEntry(path, printed, name, attrs, null);
        } catch (IOException e) {
            return new Md5AllEntry(path, printed, name, null, reason(e));
        }
    }

    /** A root that is not even a path. */
    static Md5AllEntry failed(byte[] printed, String error) {
        return new Md5AllEntry(null, printed, printed, null, error);
    }

    @Override
    public int compareTo(Md5AllEntry other) {
        return Arrays.compareUnsigned(key, other.key);
    }

    /** {@code dir + '/' + name}, without doubling a '/' the root was given with (as find does). */
    static byte[] join(byte[] dir, byte[] name) {
        boolean slash = dir.length > 0 && dir[dir.length - 1] == '/';
        byte[] path = Arrays.copyOf(dir, dir.length + (slash ? 0 : 1) + name.length);
        if (!slash) {
            path[dir.length] = '/';
        }
        System.arraycopy(name, 0, path, path.length - name.length, name.length);
        return path;
    }

    /**
     * The bytes of {@code entry}'s file name. The JDK keeps a path's bytes but shows them only
     * decoded; a name that did not decode (it holds U+FFFD) is read back, exactly, from the
     * percent-encoded bytes of its URI.
     */
    static byte[] nameBytes(Path entry) {
        String name = entry.getFileName().toString();
        if (name.indexOf('\uFFFD') < 0) {
            return name.getBytes(FILE_NAMES);
        }
        String uri = entry.toUri().getRawPath(); // absolute, and a directory's ends in '/'
        int end = uri.endsWith("/") ? uri.length() - 1 : uri.length();
        int start = uri.lastIndexOf('/', end - 1) + 1;
        return percentDecode(uri, start, end);
    }

    private static byte[] percentDecode(String s, int start, int end) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < end) {
                bytes.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c); // the URI's other characters are ASCII
            }
        }
        return bytes.toByteArray();
    }

    /** Why {@code e} happened, in the words of strerror (and so of md5sum). */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String message = e.getMessage();
        if (e instanceof FileNotFoundException
                && message != null
                && message.endsWith(")")
                && message.lastIndexOf(" (") >= 0) {
            // FileInputStream's "<path> (No such file or directory)"
            return message.substring(message.lastIndexOf(" (") + 2, message.length() - 1);
        }
        return message != null ? message : e.getClass().getSimpleName();
    }

    private static Charset fileNameCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding"));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
