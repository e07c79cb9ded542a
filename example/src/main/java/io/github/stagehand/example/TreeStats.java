package io.github.stagehand.example;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.example.Md5All.Digest;
import io.github.stagehand.example.Md5All.FileError;
import io.github.stagehand.example.Md5All.RegularFile;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Statistics of a tree as a pipeline graph: one walk whose files are teed into three branches, each
 * ending in a sink of its own, and whose errors are merged with the digests' into a fourth sink;
 * {@code TreeStatsPipeline.run} returns a generated {@code Result} with one component per sink.
 *
 * <pre>
 * walk --files--+--> extensions                        files and bytes per extension
 *   |           +--> largest                           the N largest files
 *   |           +--> sameSize --> digest (8 workers) --hashed--> duplicates
 *   |                                  |
 *   +--errors--------------------------+--errors--> errors    a merge: what could not be read
 * </pre>
 *
 * <pre>{@code
 * TreeStatsPipeline.Result r = TreeStatsPipeline.builder(new TreeStats(20))
 *         .digestWorkers(4)
 *         .run(List.of("/usr/share"));
 * r.extensions(); r.largest(); r.duplicates(); r.errors();     // each sorted, ready to print
 * }</pre>
 *
 * <p>Paths are bytes, as in {@link Md5All}: the walk joins them as {@code find} does and nothing
 * here decodes them. Every path of a regular file counts once in {@code extensions} and {@code
 * largest}, as {@code find -type f} lists it, so a file with two names (hard links) counts under
 * each. For {@code duplicates}, a file is an inode: its names are listed together, as one copy, and
 * names of one inode are never duplicates of each other. Empty files are never duplicates: they
 * hold no data to waste.
 */
public final class TreeStats {

    /** The walk hands on files in batches: a channel hand-off costs more than an lstat. */
    static final int BATCH = 256;

    /**
     * A regular file the walk found.
     *
     * @param path where to open it
     * @param name the path as printed: the root as given, joined with the entries' names as {@code
     *     find} joins them, in the bytes the file system gave (compared by content nowhere, so the
     *     record's identity equality is enough)
     * @param size its size, from lstat
     * @param inode what tells two names of one file apart from two files: the file system's key
     *     (device and inode number), or a new object where it has none
     */
    public record Found(Path path, byte[] name, long size, Object inode) {}

    /**
     * A path that could not be read: a missing root, a directory that could not be listed, an entry
     * that could not be lstat'ed, a file that failed to digest.
     *
     * @param name the path as printed (see {@link Found#name()})
     * @param reason why, in strerror's words: "Permission denied", ...
     */
    public record Unreadable(byte[] name, String reason) {}

    /**
     * Files and bytes under one extension.
     *
     * @param suffix {@code '.'} and the extension, in bytes; empty for a name that has none
     */
    public record Extension(byte[] suffix, long files, long bytes) {}

    /**
     * One file with the same content as others: its names, sorted by their bytes; more than one
     * when the file has hard links.
     */
    public record Copy(List<byte[]> names) {}

    /**
     * Files with the same size and MD5: at least two copies, sorted by their first name.
     *
     * @param size the size of each copy
     * @param md5 their MD5, in lower-case hex
     */
    public record DuplicateSet(long size, String md5, List<Copy> copies) {
        /** The bytes the copies after the first one hold. */
        public long extraBytes() {
            return size * (copies.size() - 1);
        }
    }

    /**
     * A file {@code sameSize} hands to {@code digest}: one whose size another file has too. Only
     * the first name of an inode is hashed ({@code hash}); its other names pass through, so that
     * {@code duplicates} learns them.
     */
    record Candidate(Found file, boolean hash) {}

    /** A candidate after {@code digest}: its MD5, or null for a name that was not hashed. */
    record Hashed(Found file, String md5) {}

    /** By the bytes of the printed path. */
    static final Comparator<byte[]> BYTE_ORDER = Arrays::compareUnsigned;

    /** Size descending, then path in byte order: the order of {@code largest}. */
    static final Comparator<Found> LARGEST_FIRST =
            Comparator.comparingLong(Found::size).reversed().thenComparing(Found::name, BYTE_ORDER);

    private final int largest;

    /** md5all's digest, not fail-fast: an unreadable file is a result, reported on errors. */
    private final Md5All md5 = new Md5All(Md5All.Algorithm.MD5, false);

    /**
     * A tree's statistics.
     *
     * @param largest how many of the largest files {@code largest} keeps
     */
    public TreeStats(int largest) {
        if (largest < 0) {
            throw new IllegalArgumentException("largest must not be negative: " + largest);
        }
        this.largest = largest;
    }

    /**
     * The head: emits every regular file under {@code roots} on {@code files}, in batches, and
     * every path it could not read on {@code errors}. Symbolic links are not followed (a root given
     * with a trailing '/' is resolved, as the kernel and {@code find} resolve it); FIFOs, sockets
     * and devices are skipped, as {@code find -type f} skips them.
     */
    @Stage(buffer = 4)
    void walk(Out<List<Found>> files, Out<Unreadable> errors, Done done, List<String> roots) {
        Walk walk = new Walk(files, errors, done);
        for (String root : roots) {
            walk.root(root);
        }
        walk.listAll();
    }

    /**
     * A sink: files and bytes per extension, by bytes descending, ties by the suffix's bytes. The
     * extension of a file is what follows the last '.' of its name, when that '.' is not the name's
     * first character: {@code a.tar.gz} has {@code .gz}, {@code .bashrc} none and {@code notes.} an
     * empty one, {@code .}; case counts.
     */
    @Stage(from = "walk.files")
    List<Extension> extensions(In<List<Found>> in) {
        // the suffix's bytes as ISO-8859-1 chars: one char per byte, so a map key with equals
        Map<String, long[]> tally = new HashMap<>();
        for (List<Found> batch : in) {
            for (Found file : batch) {
                long[] t = tally.computeIfAbsent(suffix(file.name()), k -> new long[2]);
                t[0]++;
                t[1] += file.size();
            }
        }
        List<Extension> extensions = new ArrayList<>(tally.size());
        tally.forEach(
                (suffix, t) ->
                        extensions.add(
                                new Extension(
                                        suffix.getBytes(StandardCharsets.ISO_8859_1), t[0], t[1])));
        extensions.sort(
                Comparator.comparingLong(Extension::bytes)
                        .reversed()
                        .thenComparing(Extension::suffix, BYTE_ORDER));
        return extensions;
    }

    /** The suffix of the last name in {@code path}, as ISO-8859-1 chars; "" if it has none. */
    static String suffix(byte[] path) {
        int start = 0;
        for (int i = path.length - 1; i >= 0; i--) {
            if (path[i] == '/') {
                start = i + 1;
                break;
            }
        }
        for (int i = path.length - 1; i > start; i--) {
            if (path[i] == '.') {
                return new String(path, i, path.length - i, StandardCharsets.ISO_8859_1);
            }
        }
        return "";
    }

    /** A sink: the {@code largest} largest files, by size descending, ties by path bytes. */
    @Stage(from = "walk.files")
    List<Found> largest(In<List<Found>> in) {
        // the smallest of those kept at the head, to be dropped when a larger one comes
        PriorityQueue<Found> kept = new PriorityQueue<>(LARGEST_FIRST.reversed());
        for (List<Found> batch : in) {
            for (Found file : batch) {
                kept.add(file);
                if (kept.size() > largest) {
                    kept.poll();
                }
            }
        }
        List<Found> sorted = new ArrayList<>(kept);
        sorted.sort(LARGEST_FIRST);
        return sorted;
    }

    /**
     * Groups the files by size and hands on, as candidates for {@code digest}, only those whose
     * size another file (another inode) has too: a file of a size of its own has no duplicate, and
     * is never read. A file is held back until a second one of its size arrives, then both go on,
     * and later ones at once, so digests start while the walk goes on. Each inode is hashed once,
     * under the first of its names seen; its other names are sent on unhashed. Empty files are left
     * out.
     *
     * <p>Candidates go out in batches (see {@link Candidates}): most of a real tree's files share
     * their size with another, and are small enough that a hand-off per file would cost as much as
     * hashing it.
     *
     * <p>One worker only: each worker would group the files it receives on its own, and two files
     * of one size taken by two workers would never meet. The builder's {@code sameSizeWorkers} must
     * stay at 1.
     */
    @Stage(from = "walk.files", buffer = 16)
    void sameSize(In<List<Found>> in, Out<List<Candidate>> out) {
        // a size's only inode so far, with its names; removed once a second inode has that size
        Map<Long, List<Found>> alone = new HashMap<>();
        Set<Long> shared = new HashSet<>();
        Candidates candidates = new Candidates(out);
        for (List<Found> batch : in) {
            for (Found file : batch) {
                if (file.size() == 0) {
                    continue;
                }
                if (shared.contains(file.size())) {
                    candidates.add(file);
                    continue;
                }
                List<Found> names = alone.get(file.size());
                if (names == null) {
                    names = new ArrayList<>(1);
                    alone.put(file.size(), names);
                    names.add(file);
                } else if (names.get(0).inode().equals(file.inode())) {
                    names.add(file); // another name of the size's only inode: not a duplicate yet
                } else {
                    alone.remove(file.size());
                    shared.add(file.size());
                    names.forEach(candidates::add);
                    candidates.add(file);
                }
            }
            candidates.flush(); // no candidate waits for the walk's next batch
        }
    }

    /**
     * {@code sameSize}'s batches: at most {@link #FILES} candidates or about {@link #BYTES} bytes
     * to hash, so that a large file does not hold up the small ones after it on one worker.
     */
    private static final class Candidates {
        static final int FILES = 64;
        static final long BYTES = 1 << 20;

        private final Out<List<Candidate>> out;
        private final Set<Object> hashed = new HashSet<>(); // the inodes sent to be hashed
        private List<Candidate> batch = new ArrayList<>();
        private long bytes;

        Candidates(Out<List<Candidate>> out) {
            this.out = out;
        }

        void add(Found file) {
            boolean hash = hashed.add(file.inode());
            batch.add(new Candidate(file, hash));
            bytes += hash ? file.size() : 0;
            if (batch.size() >= FILES || bytes >= BYTES) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                out.send(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
        }
    }

    /**
     * Hashes a batch of candidates (MD5) on several workers, and passes on the further names of
     * inodes hashed under another name. A file that cannot be read goes to {@code errors}.
     *
     * <p>The workers are virtual threads: as many hash at once as there are cores, and the others
     * have their reads waiting on a disk that is not in the page cache yet.
     */
    @Stage(workers = 8)
    void digest(
            List<Candidate> batch, Out<List<Hashed>> hashed, Out<Unreadable> errors, Done done) {
        List<Hashed> results = new ArrayList<>(batch.size());
        for (Candidate candidate : batch) {
            Found file = candidate.file();
            if (!candidate.hash()) {
                results.add(new Hashed(file, null));
                continue;
            }
            Digest digest;
            try {
                digest = md5.digest(new RegularFile(file.path(), file.name()), done);
            } catch (FileError e) { // only a fail-fast Md5All throws; this one gives results
                digest = new Digest(e.path(), null, e.reason(), 0);
            }
            if (digest.failed()) {
                errors.send(new Unreadable(file.name(), digest.error()));
            } else {
                results.add(new Hashed(file, digest.hex()));
            }
        }
        hashed.send(results);
    }

    /**
     * A sink: the sets of files with the same size and MD5, largest size first, ties by the first
     * path. An inode whose hash failed is left out, and so is a set left with one copy.
     */
    @Stage(from = "digest.hashed")
    List<DuplicateSet> duplicates(In<List<Hashed>> in) {
        Map<Object, Inode> inodes = new HashMap<>();
        for (List<Hashed> batch : in) {
            for (Hashed h : batch) {
                Inode inode =
                        inodes.computeIfAbsent(h.file().inode(), k -> new Inode(h.file().size()));
                inode.names.add(h.file().name());
                if (h.md5() != null) {
                    inode.md5 = h.md5();
                }
            }
        }
        record Content(long size, String md5) {}
        Map<Content, List<Copy>> byContent = new HashMap<>();
        for (Inode inode : inodes.values()) {
            if (inode.md5 != null) {
                inode.names.sort(BYTE_ORDER);
                byContent
                        .computeIfAbsent(
                                new Content(inode.size, inode.md5), k -> new ArrayList<>(2))
                        .add(new Copy(List.copyOf(inode.names)));
            }
        }
        Comparator<Copy> firstName = Comparator.comparing(c -> c.names().get(0), BYTE_ORDER);
        List<DuplicateSet> sets = new ArrayList<>();
        byContent.forEach(
                (content, copies) -> {
                    if (copies.size() > 1) {
                        copies.sort(firstName);
                        sets.add(new DuplicateSet(content.size(), content.md5(), copies));
                    }
                });
        sets.sort(
                Comparator.comparingLong(DuplicateSet::size)
                        .reversed()
                        .thenComparing(s -> s.copies().get(0), firstName));
        return sets;
    }

    /** What {@code duplicates} learns of one inode. */
    private static final class Inode {
        final long size;
        final List<byte[]> names = new ArrayList<>(1);
        String md5;

        Inode(long size) {
            this.size = size;
        }
    }

    /**
     * A sink, and a merge of the walk's errors with the digests': every path that could not be
     * read, sorted by its bytes.
     */
    @Stage(from = {"walk.errors", "digest.errors"})
    List<Unreadable> errors(In<Unreadable> in) {
        List<Unreadable> errors = new ArrayList<>();
        in.forEach(errors::add);
        errors.sort(Comparator.comparing(Unreadable::name, BYTE_ORDER));
        return errors;
    }

    /**
     * The walk's state: directories still to list and the batch being filled. Used by the walk's
     * one thread.
     */
    private static final class Walk {
        private record Directory(Path path, byte[] name) {}

        private final Out<List<Found>> files;
        private final Out<Unreadable> errors;
        private final Done done;
        private final Deque<Directory> directories = new ArrayDeque<>();
        private List<Found> batch = new ArrayList<>(BATCH);

        Walk(Out<List<Found>> files, Out<Unreadable> errors, Done done) {
            this.files = files;
            this.errors = errors;
            this.done = done;
        }

        /** Visits a root as given on the command line. */
        void root(String root) {
            byte[] name = root.getBytes(Md5AllEntry.FILE_NAMES);
            if (root.isEmpty()) { // Path.of("") would be the working directory
                errors.send(new Unreadable(name, "No such file or directory"));
                return;
            }
            Path path;
            try {
                path = Path.of(root);
            } catch (InvalidPathException e) {
                errors.send(new Unreadable(name, "Invalid argument"));
                return;
            }
            // Path.of drops a trailing '/', which makes the kernel resolve a link to a directory
            visit(path, name, root.endsWith("/"));
        }

        /**
         * Lists the directories found, and those found in them, until there are none or {@code
         * done} closes; then sends the last batch.
         */
        void listAll() {
            while (!directories.isEmpty() && !done.isClosed()) {
                Directory dir = directories.pop();
                String error = null;
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.path())) {
                    for (Path entry : entries) {
                        if (done.isClosed()) {
                            return; // a long stretch of lstats without a send must still stop
                        }
                        byte[] name = Md5AllEntry.join(dir.name(), Md5AllEntry.nameBytes(entry));
                        visit(entry, name, false);
                    }
                } catch (IOException e) {
                    error = Md5AllEntry.reason(e);
                } catch (DirectoryIteratorException e) {
                    error = Md5AllEntry.reason(e.getCause());
                }
                if (error != null) {
                    errors.send(new Unreadable(dir.name(), error));
                }
            }
            if (!batch.isEmpty()) {
                files.send(batch);
            }
        }

        /** lstat's {@code path} (stat's it if {@code followLink}) and files what it is. */
        private void visit(Path path, byte[] name, boolean followLink) {
            BasicFileAttributes attrs;
            try {
                attrs =
                        followLink
                                ? Files.readAttributes(path, BasicFileAttributes.class)
                                : Files.readAttributes(
                                        path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                errors.send(new Unreadable(name, Md5AllEntry.reason(e)));
                return;
            }
            if (attrs.isDirectory()) {
                directories.push(new Directory(path, name));
            } else if (attrs.isRegularFile()) {
                Object key = attrs.fileKey();
                batch.add(new Found(path, name, attrs.size(), key != null ? key : new Object()));
                if (batch.size() == BATCH) {
                    files.send(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
    }
}
