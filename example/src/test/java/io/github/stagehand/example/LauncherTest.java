package io.github.stagehand.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/stagehand} reports what it cannot start with as one line and status 1: a jar that has
 * not been built. It runs here from a copy of the repository's {@code bin} with no jars beside it.
 */
@Timeout(30)
class LauncherTest {

    @TempDir Path root;

    private record Run(int exit, String output) {}

    private Run stagehand(String... args) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path launcher = bin.resolve("stagehand");
        Files.copy(
                Path.of("..", "bin", "stagehand"), launcher, StandardCopyOption.REPLACE_EXISTING);
        launcher.toFile().setExecutable(true);
        String[] command = new String[args.length + 1];
        command[0] = launcher.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    @Test
    void aJarNotBuiltYetIsOneLineSayingHowToBuildIt() throws Exception {
        Run md5all = stagehand("md5all", ".");
        Run wordfreq = stagehand("wordfreq", ".");

        assertEquals(1, md5all.exit(), md5all.output());
        assertEquals(
                "stagehand: "
                        + root.resolve("example/target/stagehand-example.jar")
                        + " is missing; build it with: mvn -B -q -DskipTests package",
                md5all.output().strip());
        assertEquals(1, wordfreq.exit(), wordfreq.output());
        assertEquals(
                "stagehand: "
                        + root.resolve("beam-example/target/stagehand-wordfreq.jar")
                        + " is missing; build it with: mvn -B -q -DskipTests package",
                wordfreq.output().strip());
    }
}
