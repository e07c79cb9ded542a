package io.github.stagehand.processor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Eclipse's batch compiler (ecj, {@code org.eclipse.jdt.internal.compiler.batch.Main}) in a child
 * JVM, running Stagehand's processor from a processor path as an IDE would: on a runtime with the
 * {@code jdk.compiler} module, or on one limited to what ecj itself needs, as in an Eclipse
 * installation whose JRE has no javac.
 */
final class EclipseCompiler {
    private EclipseCompiler() {}

    /**
     * The modules of a runtime without {@code jdk.compiler}: what ecj and the processor need
     * ({@code jdk.zipfs} reads the JDK's {@code ct.sym} for {@code --release}).
     */
    static final String WITHOUT_JDK_COMPILER = "java.base,java.compiler,java.logging,jdk.zipfs";

    /** One line of ecj's {@code -Xemacs} output: {@code file:line: kind: message}. */
    private static final Pattern PROBLEM =
            Pattern.compile("^(.+\\.java):(\\d+): (error|warning|info): (.*)$");

    /** A message without a position, such as a processor's note: {@code 2. INFO: message}. */
    private static final Pattern UNPLACED = Pattern.compile("^\\d+\\. (ERROR|WARNING|INFO): (.*)$");

    /** A diagnostic: the file's simple name (empty when it has none), line, kind and message. */
    record Problem(String file, long line, String kind, String message) {
        /** Whether the processor reported it: Stagehand's ids start with Stage or Beam. */
        boolean isStagehand() {
            return message.startsWith("[Stage") || message.startsWith("[Beam");
        }
    }

    /** What a compile printed and wrote. */
    record Result(int exitCode, String output, List<Problem> problems, Path generated) {
        List<Problem> stagehand(String kind) {
            return problems.stream()
                    .filter(p -> p.kind().equals(kind) && p.isStagehand())
                    .collect(Collectors.toList());
        }

        String generatedSource(String qualifiedName) throws IOException {
            return Files.readString(generated.resolve(qualifiedName.replace('.', '/') + ".java"));
        }
    }

    /**
     * Compiles {@code sources} for release 21 with ecj, the processor on {@code processorPath} and
     * {@code classPath} as the class path, writing under {@code work}.
     *
     * @param modules the runtime's modules ({@code --limit-modules}), or null for all of them
     */
    static Result compile(
            String modules,
            List<Path> processorPath,
            List<Path> classPath,
            Path work,
            List<Path> sources)
            throws IOException, InterruptedException {
        Path generated = Files.createDirectories(work.resolve("generated"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (modules != null) {
            command.add("--limit-modules");
            command.add(modules);
        }
        command.add("-cp");
        command.add(location("org.eclipse.jdt.internal.compiler.batch.Main").toString());
        command.add("org.eclipse.jdt.internal.compiler.batch.Main");
        command.addAll(List.of("--release", "21", "-Xemacs", "-encoding", "UTF-8"));
        // -classpath before -processorpath: ecj ignores a processor path given first (its bug
        // 573833)
        command.add("-classpath");
        command.add(path(classPath));
        command.add("-processorpath");
        command.add(path(processorPath));
        command.addAll(List.of("-s", generated.toString(), "-d", classes.toString()));
        sources.forEach(source -> command.add(source.toString()));
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .directory(work.toFile())
                        .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ecj did not finish: " + output);
        }
        return new Result(process.exitValue(), output, problems(output), generated);
    }

    private static List<Problem> problems(String output) {
        List<Problem> problems = new ArrayList<>();
        for (String line : output.split("\\R")) {
            Matcher placed = PROBLEM.matcher(line);
            Matcher unplaced = UNPLACED.matcher(line);
            if (placed.matches()) {
                problems.add(
                        new Problem(
                                Path.of(placed.group(1)).getFileName().toString(),
                                Long.parseLong(placed.group(2)),
                                placed.group(3),
                                placed.group(4)));
            } else if (unplaced.matches()) {
                problems.add(
                        new Problem("", 0, unplaced.group(1).toLowerCase(), unplaced.group(2)));
            }
        }
        return problems;
    }

    /**
     * Copies the test resources {@code names} (such as {@code golden/Squares.java}) to {@code dir}.
     */
    static List<Path> copyResources(Path dir, List<String> names) throws IOException {
        List<Path> copies = new ArrayList<>();
        for (String name : names) {
            Path copy = dir.resolve(name);
            Files.createDirectories(copy.getParent());
            try (InputStream in = EclipseCompiler.class.getResourceAsStream("/" + name)) {
                Files.copy(in, copy);
            }
            copies.add(copy);
        }
        return copies;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = EclipseCompiler.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The jar or class directory that {@code className} was loaded from. */
    static Path location(String className) {
        try {
            Class<?> type = Class.forName(className, false, EclipseCompiler.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException(className, e));
        }
    }

    private static String path(List<Path> entries) {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
