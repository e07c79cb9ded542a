package io.github.stagehand.processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The version handshake: generated code calls the runtime of the processor's own version, so a
 * runtime of another version on the compile class path fails the compile with {@code
 * [StageRuntimeVersion]} naming both, instead of the run with {@code NoSuchMethodError}. The
 * runtime's version is the constant {@code RuntimeVersion.VERSION}, read through {@link
 * VariableElement#getConstantValue()}: no runtime class is loaded, and javac and Eclipse's compiler
 * both read constants from class files (docs/adr/0017-one-processor-jar.md).
 */
final class RuntimeVersionCheck {
    private RuntimeVersionCheck() {}

    /** The runtime class that holds its version. */
    static final String RUNTIME_VERSION = RuntimeNames.PACKAGE + ".internal.RuntimeVersion";

    /** This processor's version, from the {@code version.properties} Maven fills in. */
    static final String PROCESSOR_VERSION = processorVersion();

    /**
     * The {@code [StageRuntimeVersion]} message when the runtime on the class path is not of this
     * processor's version; empty when it is. Call it only once the runtime is known to be on the
     * class path: its absence is {@code [StageRuntimeMissing]}.
     */
    static Optional<String> mismatch(Elements elements) {
        String runtime = runtimeVersion(elements);
        if (PROCESSOR_VERSION.equals(runtime)) {
            return Optional.empty();
        }
        return Optional.of(
                Messages.runtimeVersion(
                        runtime == null
                                ? "of a version older than the version check (it has no "
                                        + RUNTIME_VERSION
                                        + ")"
                                : runtime,
                        PROCESSOR_VERSION));
    }

    /** {@code RuntimeVersion.VERSION} on the class path; null when there is no such constant. */
    private static String runtimeVersion(Elements elements) {
        TypeElement type = elements.getTypeElement(RUNTIME_VERSION);
        if (type == null) {
            return null;
        }
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() == ElementKind.FIELD
                    && member.getSimpleName().contentEquals("VERSION")
                    && ((VariableElement) member).getConstantValue() instanceof String version) {
                return version;
            }
        }
        return null;
    }

    private static String processorVersion() {
        Properties properties = new Properties();
        try (InputStream in = RuntimeVersionCheck.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "version.properties is missing beside " + RuntimeVersionCheck.class);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
