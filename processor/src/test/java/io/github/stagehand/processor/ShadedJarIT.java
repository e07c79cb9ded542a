package io.github.stagehand.processor;

import static io.github.stagehand.processor.EclipseCompiler.WITHOUT_JDK_COMPILER;
import static io.github.stagehand.processor.EclipseCompiler.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stagehand.processor.EclipseCompiler.Result;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published stagehand-processor jar, alone on a processor path, as a user's build or IDE puts
 * it (docs/ide.md): JavaPoet inside it, relocated; a real module; javac from its processor path and
 * processor module path and ecj on a runtime without {@code jdk.compiler} generate the golden
 * sources; and the published POM names no JavaPoet. Run by failsafe once {@code package} has shaded
 * the jar.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of(System.getProperty("stagehand.processor.jar"));
    private static final Path POM = Path.of(System.getProperty("stagehand.processor.pom"));
    private static final String RELOCATED =
            "io/github/stagehand/processor/shaded/com/palantir/javapoet";

    @TempDir Path temp;

    @Test
    void holdsJavaPoetRelocatedAndNoReferenceToItsOriginalPackage() throws IOException {
        List<String> unrelocated = new ArrayList<>();
        int relocated = 0;
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                relocated += name.startsWith(RELOCATED + "/") ? 1 : 0;
                if (name.startsWith("com/")) {
                    unrelocated.add(name);
                }
                if (name.endsWith(".class")) {
                    String text =
                            read(jar, entry)
                                    .replace(RELOCATED, "")
                                    .replace(RELOCATED.replace('/', '.'), "");
                    if (text.contains("com/palantir/javapoet")
                            || text.contains("com.palantir.javapoet")) {
                        unrelocated.add(name + " names com.palantir.javapoet");
                    }
                }
            }
        }
        assertTrue(relocated > 10, "JavaPoet's classes under " + RELOCATED);
        assertEquals(List.of(), unrelocated);
    }

    @Test
    void isTheModuleIoGithubStagehandProcessor() {
        ModuleReference module = ModuleFinder.of(JAR).findAll().iterator().next();
        ModuleDescriptor descriptor = module.descriptor();

        assertFalse(descriptor.isAutomatic(), "a module-info, not Automatic-Module-Name");
        assertEquals("io.github.stagehand.processor", descriptor.name());
        assertEquals(
                Set.of("java.base", "java.compiler", "jdk.compiler static"),
                descriptor.requires().stream()
                        .map(
                                r ->
                                        r.name()
                                                + (r.modifiers()
                                                                .contains(
                                                                        ModuleDescriptor.Requires
                                                                                .Modifier.STATIC)
                                                        ? " static"
                                                        : ""))
                        .collect(Collectors.toSet()));
        assertEquals(
                "javax.annotation.processing.Processor with ["
                        + StageProcessor.class.getName()
                        + "]",
                descriptor.provides().iterator().next().toString());
        assertEquals(
                new TreeSet<>(Set.of("io.github.stagehand.processor", RELOCATED.replace('/', '.'))),
                new TreeSet<>(descriptor.packages()));
        assertTrue(
                descriptor.exports().isEmpty(),
                "nothing to export: compilers load it as a service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-processorpath", "--processor-module-path"})
    void javacRunsItAlone(String path) throws Exception {
        Path generated = Files.createDirectories(temp.resolve("generated"));
        Path classes = Files.createDirectories(temp.resolve("classes"));
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                                "--release",
                                "21",
                                "-Xlint:all",
                                "-Werror",
                                "-classpath",
                                classPath(),
                                path,
                                JAR.toString(),
                                "-s",
                                generated.toString(),
                                "-d",
                                classes.toString()));
        goldenSources().forEach(source -> command.add(source.toString()));

        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = javac.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(javac.waitFor(5, TimeUnit.MINUTES));

        assertEquals(0, javac.exitValue(), output);
        assertEquals("", output, "no warning under -Xlint:all");
        for (String owner : EclipseCompilerTest.GOLDEN) {
            assertEquals(
                    EclipseCompiler.resource("expected/golden/" + owner + "Pipeline.java"),
                    Files.readString(generated.resolve("golden/" + owner + "Pipeline.java")));
        }
    }

    @Test
    void ecjWithoutJdkCompilerRunsItAlone() throws Exception {
        Result result =
                EclipseCompiler.compile(
                        WITHOUT_JDK_COMPILER,
                        List.of(JAR),
                        List.of(
                                location("io.github.stagehand.annotation.Stage"),
                                location("io.github.stagehand.runtime.In")),
                        temp,
                        goldenSources());

        assertEquals(0, result.exitCode(), result.output());
        for (String owner : EclipseCompilerTest.GOLDEN) {
            assertEquals(
                    EclipseCompiler.resource("expected/golden/" + owner + "Pipeline.java"),
                    result.generatedSource("golden." + owner + "Pipeline"));
        }
        assertEquals(1, result.stagehand("info").size(), result.output());
        assertTrue(
                result.stagehand("info").get(0).message().startsWith("[StageTreeChecksSkipped]"));
    }

    @Test
    void thePublishedPomNamesNoJavaPoet() throws IOException {
        String pom = Files.readString(POM);
        Matcher dependency =
                Pattern.compile("<dependency>.*?</dependency>", Pattern.DOTALL).matcher(pom);
        List<String> dependencies = new ArrayList<>();
        while (dependency.find()) {
            dependencies.add(dependency.group().replaceAll("\\s+", " "));
        }

        assertFalse(dependencies.isEmpty(), "the dependency-reduced POM at " + POM);
        assertEquals(
                List.of(),
                dependencies.stream().filter(d -> d.contains("javapoet")).toList(),
                "shaded into the jar, so no user's build resolves it");
        assertTrue(
                dependencies.stream()
                        .filter(
                                d ->
                                        !d.contains("<scope>test</scope>")
                                                && !d.contains("<scope>provided</scope>"))
                        .toList()
                        .isEmpty(),
                "the processor needs nothing at run time: " + dependencies);
    }

    private List<Path> goldenSources() throws IOException {
        return EclipseCompiler.copyResources(
                temp.resolve("src"),
                EclipseCompilerTest.GOLDEN.stream()
                        .map(owner -> "golden/" + owner + ".java")
                        .toList());
    }

    private static String classPath() {
        return location("io.github.stagehand.annotation.Stage")
                + java.io.File.pathSeparator
                + location("io.github.stagehand.runtime.In");
    }

    private static String read(ZipFile jar, ZipEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
