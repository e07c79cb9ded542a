package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.stagehand.example.TreeStats.Candidate;
import io.github.stagehand.example.TreeStats.Found;
import io.github.stagehand.example.TreeStats.Hashed;
import io.github.stagehand.example.TreeStats.Unreadable;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * treestats' stage methods called directly, with plain lists for channels: which files reach the
 * digest, and what a file that vanished before its digest gives.
 */
class TreeStatsStagesTest {

    @Test
    void sameSizeHandsOnOnlyFilesWhoseSizeAnotherInodeHasAndHashesEachInodeOnce() {
        // inodes are plain strings here; the walk uses the file system's keys
        Found unique = found("unique", 7, "i1");
        Found empty1 = found("empty1", 0, "i2");
        Found empty2 = found("empty2", 0, "i3");
        Found alone = found("alone", 5, "i4");
        Found aloneLink = found("alone-link", 5, "i4"); // two names, one file: no duplicate
        Found first = found("first", 9, "i5");
        Found firstLink = found("first-link", 9, "i5");
        Found second = found("second", 9, "i6");
        Found secondLink = found("second-link", 9, "i6"); // after its size was known shared
        Found third = found("third", 9, "i7");
        List<List<Candidate>> out = new ArrayList<>();

        new TreeStats(20)
                .sameSize(
                        in(
                                List.of(
                                        List.of(unique, empty1, first, alone),
                                        List.of(firstLink, empty2, aloneLink),
                                        List.of(second, secondLink, third))),
                        out::add);

        // second makes size 9 shared: first's names go with it, in one batch
        assertEquals(
                List.of(
                        List.of(
                                new Candidate(first, true),
                                new Candidate(firstLink, false),
                                new Candidate(second, true),
                                new Candidate(secondLink, false),
                                new Candidate(third, true))),
                out);
    }

    @ParameterizedTest(name = "the suffix of ''{0}'' is ''{1}''")
    @CsvSource(
            value = {
                "dir/a.txt|.txt",
                "a.tar.gz|.gz",
                "dir/.bashrc|",
                ".hidden.TXT|.TXT",
                "notes.|.",
                "..x|.x",
                "dir.d/README|",
                "x|"
            },
            delimiter = '|')
    void theSuffixFollowsTheLastDotThatIsNotTheNamesFirstCharacter(String path, String suffix) {
        assertEquals(
                suffix == null ? "" : suffix,
                TreeStats.suffix(path.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aFileThatVanishedBeforeItsDigestIsAnErrorAndItsOtherNamesPassOnUnhashed(@TempDir Path dir)
            throws Exception {
        Path gone = Files.writeString(dir.resolve("gone"), "soon gone\n");
        Found file = found(gone.toString(), 10, "i1");
        Found link = found(gone + "-link", 10, "i1");
        Files.delete(gone);
        List<List<Hashed>> hashed = new ArrayList<>();
        List<Unreadable> errors = new ArrayList<>();

        new TreeStats(20)
                .digest(
                        List.of(new Candidate(file, true), new Candidate(link, false)),
                        hashed::add,
                        errors::add,
                        new Done());

        assertEquals(1, errors.size());
        assertArrayEquals(file.name(), errors.get(0).name());
        assertEquals("No such file or directory", errors.get(0).reason());
        assertEquals(List.of(List.of(new Hashed(link, null))), hashed);
    }

    private static Found found(String name, long size, String inode) {
        return new Found(Path.of(name), name.getBytes(StandardCharsets.UTF_8), size, inode);
    }

    /** A channel that delivers {@code batches} and then ends. */
    private static In<List<Found>> in(List<List<Found>> batches) {
        Iterator<List<Found>> it = batches.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }
}
