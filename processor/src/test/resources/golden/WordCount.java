package golden;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Done;
import io.github.stagehand.runtime.In;
import io.github.stagehand.runtime.Out;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A sink pipeline with an instance stage, a Done parameter and checked exceptions. */
public final class WordCount {
    private final int minLength;

    public WordCount(int minLength) {
        this.minLength = minLength;
    }

    @Stage
    static void files(Out<Path> out, List<Path> paths) {
        for (Path path : paths) {
            out.send(path);
        }
    }

    @Stage(workers = 4, buffer = 16)
    static void words(Path file, Out<String> out) throws IOException {
        for (String word : Files.readString(file).split("\\s+")) {
            out.send(word);
        }
    }

    @Stage(workers = 2, ordered = true)
    int length(String word, Done done) {
        return word.length() >= minLength ? word.length() : 0;
    }

    @Stage
    static long total(In<Integer> in) throws InterruptedException {
        long total = 0;
        for (int n : in) {
            total += n;
        }
        return total;
    }
}
