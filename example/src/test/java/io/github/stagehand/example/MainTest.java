package io.github.stagehand.example;

import static io.github.stagehand.example.Md5AllFixtures.failingStdout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The programs that print through picocli's writer (squares, logs) end as coreutils tools do when
 * stdout cannot be written: one line and status 1 for a full disk, nothing and 141 when the reader
 * went away; and a good run through {@link Main#run} prints what the program printed.
 */
@Timeout(60)
class MainTest {

    @TempDir Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run main(java.io.OutputStream stdout, String... args) {
        StringWriter err = new StringWriter();
        int exit = Main.run(args, stdout, new PrintWriter(err, true));
        String out =
                stdout instanceof ByteArrayOutputStream b ? b.toString(StandardCharsets.UTF_8) : "";
        return new Run(exit, out, err.toString());
    }

    private String[] args(String program) throws IOException {
        if (program.equals("logs")) {
            Path log = dir.resolve("app.log");
            Files.writeString(log, "2026-12-02T04:00:01 INFO auth /api 200 3\n");
            return new String[] {"logs", log.toString()};
        }
        return new String[] {program};
    }

    @Test
    void aGoodRunPrintsThroughTheWriter() throws IOException {
        Run logs = main(new ByteArrayOutputStream(), args("logs"));
        Run squares = main(new ByteArrayOutputStream(), args("squares"));

        assertEquals(0, logs.exit(), logs.err());
        assertEquals(
                "level=INFO\t1\nservice=auth\t1\n",
                logs.out().replace(System.lineSeparator(), "\n"));
        assertEquals(0, squares.exit(), squares.err());
        assertTrue(squares.out().strip().matches("4|9"), squares.out());
        assertEquals("", logs.err() + squares.err());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"squares", "logs"})
    void stdoutThatCannotBeWrittenIsOneLineAndExitOne(String program) throws IOException {
        Run run = main(failingStdout("No space left on device"), args(program));

        assertEquals(1, run.exit());
        assertEquals(program + ": write error: No space left on device", run.err().strip());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"squares", "logs"})
    void stdoutClosedEarlyExits141Quietly(String program) throws IOException {
        Run run = main(failingStdout("Broken pipe"), args(program));

        assertEquals(Md5AllCommand.BROKEN_PIPE, run.exit());
        assertEquals("", run.err());
    }
}
