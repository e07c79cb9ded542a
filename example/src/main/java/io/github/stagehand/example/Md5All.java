package io.github.stagehand.example;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.Out;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Go blog's "Digesting a tree" (MD5All) as {@code @Stage} methods: {@code walk} emits every
 * regular file under the roots, in the byte order of their paths; {@code digest} hashes them on
 * several workers and, being {@code ordered}, hands the results on in that same order, so the
 * caller can stream md5sum's lines with bounded memory. {@code Md5AllPipeline} is generated from
 * these two methods.
 *
 * <pre>{@code
 * Md5All md5all = new Md5All(Md5All.Algorithm.MD5, false);
 * try (var sums = Md5AllPipeline.builder(md5all).digestWorkers(8).start(List.of("/usr/share"))) {
 *     for (List<Md5All.Digest> batch : sums) {     // consecutive files, in path order
 *         for (Md5All.Digest d : batch) {
 *             System.out.println(d.failed() ? d.error() : d.hex() + "  " + d.pathString());
 *         }
 *     }
 * }                                                // done closed, every stage thread ended
 * }</pre>
 *
 * <p>Errors (a missing root, an unreadable directory, a file that vanished or fails to read) are
 * results, not exceptions: a {@link Digest} with an {@link Digest#error() error}, in its place in
 * the order. With {@code failFast} the first error is thrown instead, as a {@link FileError}: the
 * pipeline's first failure, which closes {@code done} and stops every stage (the seed's MD5All).
 *
 * <p>Paths are bytes on Linux. Every printed path is kept as the bytes the walk saw, also when they
 * are not valid in the JVM's file-name encoding ({@code sun.jnu.encoding}), so a name that is not
 * UTF-8 round-trips. Only the roots pass through Java strings: a root must be decodable in that
 * encoding.
 */
public final class Md5All {

    /** The digests md5sum's family computes, by the name of its tool's prefix. */
    public enum Algorithm {
        MD5("md5", "MD5"),
        SHA1("sha1", "SHA-1"),
        SHA256("sha256", "SHA-256"),
        SHA512("sha512", "SHA-512");

        private final String option;
        private final String jcaName;

        Algorithm(String option, String jcaName) {
            this.option = option;
            this.jcaName = jcaName;
        }

        /** The name on the command line and of the coreutils tool: md5, sha1, sha256, sha512. */
        public String option() {
            return option;
        }

        /** A new digest of this algorithm. */
        MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jcaName + " is a required JCA algorithm", e);
            }
        }

        /**
         * The algorithm named {@code option} ({@code md5}, {@code sha1}, ...; case ignored).
         *
         * @throws IllegalArgumentException for any other name
         */
        public static Algorithm of(String option) {
            for (Algorithm a : values()) {
                if (a.option.equals(option.toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new IllegalArgumentException(
                    "expected one of md5, sha1, sha256, sha512 but was '" + option + "'");
        }
    }

    /** What {@code walk} emits: a regular file to digest, or a path it could not read. */
    sealed interface Walked permits RegularFile, Unreadable {}

    /**
     * A regular file found by the walk.
     *
     * @param path where to open it
     * @param name the path as printed: the root as given, joined with the entries' names as {@code
     *     find} joins them, in the bytes the file system gave
     */
    record RegularFile(Path path, byte[] name) implements Walked {}

    /** A path the walk could not read (a missing root, a directory it cannot list). */
    record Unreadable(byte[] name, String reason) implements Walked {}

    /**
     * One result, in walk order: the digest of a regular file, or why there is none.
     *
     * @param path the path as printed, in bytes (see {@link RegularFile#name()})
     * @param hex the digest in lower-case hex, or null when {@code error} is set
     * @param error why the path has no digest ("No such file or directory", ...), or null
     * @param size how many bytes were digested
     */
    public record Digest(byte[] path, String hex, String error, long size) {

        /** Whether this is an error rather than a digest. */
        public boolean failed() {
            return error != null;
        }

        /** The path decoded in the file-name encoding, for messages and tests. */
        public String pathString() {
            return new String(path, Md5AllEntry.FILE_NAMES);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d
                    && Arrays.equals(path, d.path)
                    && Objects.equals(hex, d.hex)
                    && Objects.equals(error, d.error)
                    && size == d.size;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(path), hex, error, size);
        }

        @Override
        public String toString() {
            return failed() ? pathString() + ": " + error : hex + "  " + pathString();
        }
    }

    /**
     * The first error of a {@code failFast} run: the path, as bytes, and the reason, as md5sum
     * words it.
     */
    public static final class FileError extends IOException {
        private static final long serialVersionUID = 1L;

        private final byte[] path;
        private final String reason;

        FileError(byte[] path, String reason) {
            super(new String(path, Md5AllEntry.FILE_NAMES) + ": " + reason);
            this.path = path.clone();
            this.reason = reason;
        }

        /** The path as bytes. */
        public byte[] path() {
            return path.clone();
        }

        /** Why, in strerror's words: "No such file or directory", "Input/output error", ... */
        public String reason() {
            return reason;
        }
    }

    /**
     * Read size: a system call per 64 KiB costs about 1% of digesting them, and a worker's buffer
     * stays small enough for many workers.
     */
    private static final int READ_BUFFER = 64 * 1024;

    private final Algorithm algorithm;
    private final boolean failFast;

    /** One digest and one read buffer per digest worker, reused for every file it reads. */
    private final ThreadLocal<Digester> digesters;

    /**
     * A tree digester.
     *
     * @param algorithm which digest
     * @param failFast whether the first error fails the pipeline (else errors are results)
     */
    public Md5All(Algorithm algorithm, boolean failFast) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.failFast = failFast;
        this.digesters = ThreadLocal.withInitial(() -> new Digester(algorithm));
    }

    /** The digest algorithm. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * The head: emits the regular files under {@code roots}, never following a symbolic link and
     * never opening anything but directories (FIFOs, sockets and devices are skipped, as {@code
     * find -type f} skips them). Each directory's entries go in the byte order of their names, a
     * directory's name compared as if it ended in '/', so that the whole stream is in the byte
     * order of the printed paths ({@code LC_ALL=C sort}). The roots are sorted the same way.
     *
     * <p>Files go out in batches of consecutive files (see {@link Batches}): a channel hand-off
     * costs microseconds, and most files of a real tree take little more than that to digest.
     */
    @Stage(buffer = 16)
    void walk(Out<List<Walked>> out, Done done, List<String> roots) throws FileError {
        Batches batches = new Batches(out);
        List<Md5AllEntry> tops = new ArrayList<>();
        for (String root : roots) {
            byte[] name = root.getBytes(Md5AllEntry.FILE_NAMES);
            if (root.isEmpty()) { // Path.of("") is the working directory; for find it is nothing
                tops.add(Md5AllEntry.failed(name, "No such file or directory"));
                continue;
            }
            try {
                // a missing root carries its error. Path.of drops a trailing '/', which for the
                // kernel (and find) resolves a link to a directory: "link/" is followed
                tops.add(Md5AllEntry.of(Path.of(root), name, name, root.endsWith("/")));
            } catch (InvalidPathException e) {
                tops.add(Md5AllEntry.failed(name, "Invalid argument"));
            }
        }
        tops.sort(null);
        // an explicit stack of the directories being listed: the depth of a tree is bounded by
        // PATH_MAX, not by a thread's stack
        Deque<Iterator<Md5AllEntry>> stack = new ArrayDeque<>();
        stack.push(tops.iterator());
        while (!stack.isEmpty()) {
            if (done.isClosed()) {
                return; // a long stretch without a send must still stop promptly
            }
            if (!visit(stack.peek(), stack, batches, done)) {
                stack.pop();
            }
        }
        batches.flush();
    }

    /**
     * Visits {@code level}'s entries in order until one is a directory, which it lists and pushes
     * (true), or {@code done} closes (true), or there are no more (false). A method of its own,
     * called once or twice per directory, so that the JIT compiles it early: as the body of {@code
     * walk}'s loop, which runs once, it stayed interpreted for most of a run.
     */
    private boolean visit(
            Iterator<Md5AllEntry> level,
            Deque<Iterator<Md5AllEntry>> stack,
            Batches batches,
            Done done)
            throws FileError {
        while (level.hasNext()) {
            if (done.isClosed()) {
                return true;
            }
            Md5AllEntry child = level.next();
            if (child.error != null) {
                report(batches, new Unreadable(child.printed, child.error));
            } else if (child.directory) {
                stack.push(list(child, batches).iterator());
                return true;
            } else if (child.regular) {
                batches.add(new RegularFile(child.path, child.printed), child.size);
            }
        }
        return false;
    }

    /**
     * Digests a batch of files, on {@code digestWorkers} workers whose results keep the walk's
     * order. A file that cannot be read gives a result with an error, unless {@code failFast}.
     *
     * <p>The workers are virtual threads, so only as many digest at once as there are carrier
     * threads (one per core); the others wait for their turn holding their batch's results. 64 of
     * them measured best on a real tree (/usr/share: 12% less wall time than 2): while one worker
     * digests a large file, the others go on with up to 63 batches after it, where 2 workers would
     * leave a core idle until the large file is done. The memory bound is that many batches, and a
     * 64 KiB buffer per worker.
     */
    @Stage(workers = 64, ordered = true, buffer = 16)
    List<Digest> digest(List<Walked> batch, Done done) throws FileError {
        List<Digest> digests = new ArrayList<>(batch.size());
        for (Walked walked : batch) {
            if (done.isClosed()) {
                break; // cancelled: what is left would be dropped anyway
            }
            digests.add(digest(walked, done));
        }
        return digests;
    }

    /** Digests one walk result: a file's digest, or the walk's error in its place. */
    Digest digest(Walked walked, Done done) throws FileError {
        return switch (walked) {
            case Unreadable u -> {
                if (failFast) {
                    throw new FileError(u.name(), u.reason());
                }
                yield new Digest(u.name(), null, u.reason(), 0);
            }
            case RegularFile f -> digestFile(f, done);
        };
    }

    /** Reads {@code file} with this worker's buffer and digest. */
    private Digest digestFile(RegularFile file, Done done) throws FileError {
        Digester digester = digesters.get();
        try {
            return new Digest(file.name(), digester.hex(file.path(), done), null, digester.size);
        } catch (IOException e) {
            digester.reset();
            if (failFast && !done.isClosed()) {
                throw new FileError(file.name(), Md5AllEntry.reason(e));
            }
            // after cancellation the result is dropped by the ordered send anyway
            return new Digest(file.name(), null, Md5AllEntry.reason(e), 0);
        }
    }

    /** Emits {@code error} in its place, or fails the walk with it when {@code failFast}. */
    private void report(Batches batches, Unreadable error) throws FileError {
        if (failFast) {
            throw new FileError(error.name(), error.reason());
        }
        batches.add(error, 0);
    }

    /**
     * Lists {@code dir}: its entries, each lstat'ed, sorted. A directory that cannot be listed
     * becomes one error, emitted in its place; entries read before a listing error are kept.
     */
    private List<Md5AllEntry> list(Md5AllEntry dir, Batches batches) throws FileError {
        List<Md5AllEntry> children = new ArrayList<>();
        String error = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.path)) {
            for (Path entry : entries) {
                byte[] name = Md5AllEntry.nameBytes(entry);
                children.add(
                        Md5AllEntry.of(entry, Md5AllEntry.join(dir.printed, name), name, false));
            }
        } catch (IOException e) {
            error = Md5AllEntry.reason(e);
        } catch (DirectoryIteratorException e) {
            error = Md5AllEntry.reason(e.getCause());
        }
        if (error != null) {
            report(batches, new Unreadable(dir.printed, error));
        }
        children.sort(null);
        return children;
    }

    /**
     * Groups consecutive walk results into batches of at most {@link #FILES} entries or about
     * {@link #BYTES} bytes of file data. A large file travels alone, so that while one worker
     * digests it the others go on with the files after it (as far as the ordered stage's bound lets
     * them).
     */
    private static final class Batches {
        static final int FILES = 64;
        static final long BYTES = 1 << 20;

        private final Out<List<Walked>> out;
        private List<Walked> batch = new ArrayList<>(FILES);
        private long bytes;

        Batches(Out<List<Walked>> out) {
            this.out = out;
        }

        void add(Walked walked, long size) {
            if (size >= BYTES) {
                flush();
            }
            batch.add(walked);
            bytes += size;
            if (batch.size() >= FILES || bytes >= BYTES) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                out.send(batch);
                batch = new ArrayList<>(FILES);
                bytes = 0;
            }
        }
    }

    /** A worker's digest and read buffer. Used by one thread at a time. */
    private static final class Digester {
        private static final HexFormat HEX = HexFormat.of();
        private final MessageDigest digest;
        private final byte[] buffer = new byte[READ_BUFFER];
        long size;

        Digester(Algorithm algorithm) {
            this.digest = algorithm.newDigest();
        }

        /**
         * Reads {@code path} to its end and digests it. A {@link FileInputStream} is the lighter
         * way in: a run of a second or two spends a third of its CPU in the JIT compilers, and
         * FileChannel's read path gives them more to compile (measured: 0.15 s less CPU over
         * /usr/share, 0.08 s over 800 MB of large files). It opens by the path's string, which
         * names the file only when every name in it decoded; for the others, a channel on the
         * path's own bytes, which also refuses to follow a link swapped in since the walk.
         */
        String hex(Path path, Done done) throws IOException {
            size = 0;
            String name = path.toString();
            try (InputStream in =
                    name.indexOf('\uFFFD') < 0
                            ? new FileInputStream(name)
                            : Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    size += n;
                    if (done.isClosed()) {
                        throw new IOException("cancelled");
                    }
                }
            }
            return HEX.formatHex(digest.digest());
        }

        void reset() {
            digest.reset();
        }
    }
}
