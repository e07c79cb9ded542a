package io.github.stagehand.beam.example;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The word frequencies of text files, as {@code @Stage} methods: {@code WordFreqPipeline} runs them
 * in process, {@code WordFreqBeam} on Apache Beam. A word is a maximal run of {@code [a-z0-9]}
 * after ASCII lower-casing; the files are read byte for byte (ISO-8859-1), so every other byte
 * separates words, as {@code tr -cs a-z0-9 '\n'} treats them.
 */
public final class WordFreq {
    private WordFreq() {}

    /**
     * Every line of every file, in order. A read that fails names its file: {@code FILE: reason}.
     */
    @Stage(buffer = 64)
    static void lines(Out<String> out, List<String> files) throws IOException {
        for (String file : files) {
            try (BufferedReader lines =
                    Files.newBufferedReader(Path.of(file), StandardCharsets.ISO_8859_1)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.send(line);
                }
            } catch (IOException e) {
                throw new IOException(file + ": " + reason(e), e);
            }
        }
    }

    /** Why {@code e} happened, in strerror's words where the JDK's exception only names a path. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The words of a line. */
    @Stage(workers = 4)
    static void words(String line, Out<String> out) {
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? lower(line.charAt(i)) : ' ';
            boolean part = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (part && start < 0) {
                start = i;
            } else if (!part && start >= 0) {
                out.send(line.substring(start, i).toLowerCase(java.util.Locale.ROOT));
                start = -1;
            }
        }
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** How often each word came. */
    @Stage
    static Map<String, Long> count(In<String> words) {
        Map<String, Long> counts = new HashMap<>();
        for (String word : words) {
            counts.merge(word, 1L, Long::sum);
        }
        return counts;
    }
}
