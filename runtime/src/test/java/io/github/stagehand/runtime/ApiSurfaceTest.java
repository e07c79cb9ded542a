package io.github.stagehand.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API package offers users what they write and read, and nothing of the plumbing: no public or
 * protected member of a public type here names a type of the internal package or is inherited from
 * one, so an {@code In} cast to its channel class offers no run methods.
 */
class ApiSurfaceTest {
    private static final String INTERNAL = "io.github.stagehand.runtime.internal.";

    @Test
    void theApiPackageHoldsExactlyTheTypesUsersWriteAndRead() throws Exception {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : apiTypes()) {
            names.add(type.getSimpleName());
        }
        assertEquals(
                new TreeSet<>(
                        List.of(
                                "CancelledException",
                                "Channel",
                                "ChannelStats",
                                "Done",
                                "In",
                                "Out",
                                "PipelineBuilder",
                                "PipelineClock",
                                "PipelineOutput",
                                "PipelineStats",
                                "Received",
                                "StageStats",
                                "StageTrace",
                                "VirtualClock")),
                names);
    }

    @Test
    void noPublicMemberOfAnApiTypeNamesOrComesFromTheInternalPackage() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : apiTypes()) {
            for (Method method : type.getMethods()) {
                if (method.getDeclaringClass().getName().startsWith(INTERNAL)) {
                    leaks.add(type.getSimpleName() + " inherits " + method);
                }
                check(type, method, leaks);
            }
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isProtected(method.getModifiers())) {
                    check(type, method, leaks);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                int modifiers = constructor.getModifiers();
                if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
                    check(type, constructor, leaks);
                }
            }
            for (Field field : type.getFields()) {
                if (field.getGenericType().getTypeName().contains(INTERNAL)) {
                    leaks.add(type.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void aChannelOffersUsersNoRunMethods() {
        Set<String> methods = new TreeSet<>();
        for (Method method : Channel.class.getMethods()) {
            if (method.getDeclaringClass() == Channel.class) {
                methods.add(method.getName());
            }
        }
        assertEquals(
                new TreeSet<>(
                        List.of(
                                "capacity",
                                "close",
                                "isClosed",
                                "receive",
                                "send",
                                "sendOrClosed",
                                "toString")),
                methods);
    }

    private static void check(Class<?> type, Executable member, List<String> leaks) {
        List<Type> types = new ArrayList<>(List.of(member.getGenericParameterTypes()));
        types.addAll(List.of(member.getGenericExceptionTypes()));
        if (member instanceof Method method) {
            types.add(method.getGenericReturnType());
        }
        for (Type t : types) {
            if (t.getTypeName().contains(INTERNAL)) {
                leaks.add(type.getSimpleName() + ": " + member);
            }
        }
    }

    /** The public types of the API package, read from where its classes were loaded. */
    private static List<Class<?>> apiTypes()
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(Channel.class.getResource("Channel.class").toURI()).getParent();
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type =
                            Class.forName(
                                    "io.github.stagehand.runtime."
                                            + name.substring(0, name.length() - 6));
                    if (Modifier.isPublic(type.getModifiers())) {
                        types.add(type);
                    }
                }
            }
        }
        assertTrue(types.contains(Channel.class), types.toString());
        return types;
    }
}
