package io.github.stagehand.example.pipelines;

import io.github.stagehand.annotation.Stage;
import io.github.stagehand.runtime.Out;
import java.io.IOException;

/** No sink, a checked exception: gen(n, bad) -> parse (2 workers); start's close() throws it. */
public final class Streaming {
    private Streaming() {}

    @Stage
    static void gen(Out<String> out, int n, int bad) {
        for (int i = 0; i < n; i++) {
            out.send(i == bad ? "x" + i : Integer.toString(i));
        }
    }

    @Stage(workers = 2)
    static int parse(String s) throws IOException {
        if (s.startsWith("x")) {
            throw new IOException("not a number: " + s);
        }
        return Integer.parseInt(s);
    }
}
