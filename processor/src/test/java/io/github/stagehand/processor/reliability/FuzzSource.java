package io.github.stagehand.processor.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One processor-fuzzing input: an owner class with {@code @Stage} methods, built valid from random
 * parts and then changed by random {@link #mutate mutations}: wrong types, modifiers, attribute
 * values, generics, nesting, missing imports, types that do not exist, huge pipelines, and names
 * that the generated code also uses. Method bodies only throw, so that any signature compiles; the
 * fuzzer is about what the processor makes of signatures.
 */
final class FuzzSource {
    /** How the owner class is declared. */
    enum Nesting {
        TOP,
        STATIC_NESTED,
        INNER,
        PRIVATE_NESTED,
        NESTED_IN_PRIVATE,
        IN_INTERFACE,
        LOCAL,
        ANONYMOUS,
        INTERFACE_OWNER,
        ENUM_OWNER,
        RECORD_OWNER
    }

    /** One method; {@code body} false for an abstract or native one. */
    static final class Method {
        List<String> annotations = new ArrayList<>();
        String modifiers;
        String typeParameters = "";
        String returns;
        String name;
        List<String> parameters = new ArrayList<>();
        List<String> thrown = new ArrayList<>();
        boolean body = true;

        /** The element type it emits (for building the next stage); null for a sink. */
        String emits;

        String render(String indent) {
            StringBuilder s = new StringBuilder();
            for (String annotation : annotations) {
                s.append(indent).append(annotation).append('\n');
            }
            s.append(indent)
                    .append(modifiers.isEmpty() ? "" : modifiers + " ")
                    .append(typeParameters.isEmpty() ? "" : typeParameters + " ")
                    .append(returns)
                    .append(' ')
                    .append(name)
                    .append('(')
                    .append(String.join(", ", parameters))
                    .append(')')
                    .append(thrown.isEmpty() ? "" : " throws " + String.join(", ", thrown));
            if (body) {
                s.append(" {\n")
                        .append(indent)
                        .append("    throw new UnsupportedOperationException();\n")
                        .append(indent)
                        .append("}\n");
            } else {
                s.append(";\n");
            }
            return s.toString();
        }
    }

    static final String PACKAGE = "fz";
    private static final List<String> TYPES =
            List.of(
                    "Integer",
                    "String",
                    "Long",
                    "java.util.List<String>",
                    "int[]",
                    "Double",
                    "java.nio.file.Path",
                    "Character",
                    "java.util.Map<String, java.util.List<Integer>>",
                    "byte[][]",
                    "Object",
                    "CharSequence");
    private static final List<String> NAMES =
            GeneratedNames.around(
                    List.of("gen", "sq", "parse", "digest", "split", "batch"),
                    List.of(
                            "Output",
                            "Builder",
                            "Failures",
                            "Channel",
                            "Done",
                            "StageScope",
                            "Objects",
                            "Instant",
                            "Duration",
                            "SinkValue",
                            "Merge",
                            "OrderedMerge",
                            "Generated",
                            "wait",
                            "notify",
                            "hashCode",
                            "toString",
                            "getClass",
                            "naïve",
                            "π",
                            "$dollar",
                            "_under",
                            "x1"));
    private static final List<String> PARAMETER_NAMES =
            List.of(
                    "n",
                    "nums",
                    "items",
                    "scope",
                    "done",
                    "in",
                    "out",
                    "parent",
                    "deadline",
                    "owner",
                    "worker",
                    "value",
                    "failure",
                    "merge",
                    "lane",
                    "order",
                    "e",
                    "t",
                    "builder",
                    "start",
                    "Objects",
                    "Done",
                    "Channel",
                    "genBuffer",
                    "sqWorkers",
                    "timeout");

    final List<String> imports =
            new ArrayList<>(
                    List.of(
                            "io.github.stagehand.annotation.Stage",
                            "io.github.stagehand.runtime.*"));
    String packageName = PACKAGE;
    String owner;
    String ownerModifiers = "public final";
    String ownerTypeParameters = "";
    Nesting nesting = Nesting.TOP;
    final List<Method> methods = new ArrayList<>();

    /** Ids the mutations made certain; checked when exactly one mutation was applied. */
    final List<String> expectedIds = new ArrayList<>();

    final List<String> mutations = new ArrayList<>();

    // ---- a valid pipeline --------------------------------------------------------------------

    static FuzzSource valid(Random random, String owner, int stages) {
        FuzzSource source = new FuzzSource();
        source.owner = owner;
        List<String> used = new ArrayList<>();
        String type = pick(random, TYPES);
        Method head = new Method();
        head.annotations.add(attributes(random, false, false));
        head.modifiers = random.nextBoolean() ? "static" : "";
        head.returns = "void";
        head.name = name(random, used);
        head.parameters.add("Out<" + type + "> " + parameterName(random, List.of()));
        for (int i = random.nextInt(3); i > 0; i--) {
            String parameter =
                    pick(
                                    random,
                                    List.of(
                                            "int",
                                            "String",
                                            "java.util.List<String>",
                                            "long[]",
                                            "Done"))
                            + " "
                            + parameterName(random, head.parameters);
            head.parameters.add(random.nextInt(head.parameters.size() + 1), parameter);
        }
        if (random.nextInt(4) == 0) {
            head.parameters.add("String... " + parameterName(random, head.parameters));
        }
        head.emits = type;
        throwsSome(random, head);
        source.methods.add(head);
        boolean sink = stages > 1 && random.nextInt(3) == 0;
        for (int i = 1; i < stages; i++) {
            Method stage = new Method();
            stage.modifiers =
                    random.nextBoolean() ? "static" : random.nextInt(5) == 0 ? "public" : "";
            stage.name = name(random, used);
            String next = pick(random, TYPES);
            int kind = i == stages - 1 && sink ? 3 : random.nextInt(3);
            String input = parameterName(random, List.of());
            switch (kind) {
                case 0 -> { // map
                    stage.annotations.add(attributes(random, true, true));
                    stage.parameters.add(unboxed(random, type) + " " + input);
                    stage.returns = unboxed(random, next);
                    stage.emits = next;
                }
                case 1 -> { // flat
                    stage.annotations.add(attributes(random, true, true));
                    stage.returns = "void";
                    stage.parameters.add(unboxed(random, type) + " " + input);
                    stage.parameters.add(
                            "Out<" + next + "> " + parameterName(random, stage.parameters));
                    stage.emits = next;
                }
                case 2 -> { // stream
                    stage.annotations.add(attributes(random, true, false));
                    stage.returns = "void";
                    stage.parameters.add("In<" + type + "> " + input);
                    stage.parameters.add(
                            random.nextInt(stage.parameters.size() + 1),
                            "Out<" + next + "> " + parameterName(random, stage.parameters));
                    stage.emits = next;
                }
                default -> { // sink
                    stage.annotations.add(random.nextBoolean() ? "@Stage" : "@Stage(buffer = 0)");
                    stage.returns =
                            pick(
                                    random,
                                    List.of("long", "String", "java.util.List<Object>", "int[]"));
                    stage.parameters.add("In<" + type + "> " + input);
                }
            }
            if (random.nextInt(4) == 0) {
                stage.parameters.add(
                        random.nextInt(stage.parameters.size() + 1),
                        "Done " + parameterName(random, stage.parameters));
            }
            throwsSome(random, stage);
            source.methods.add(stage);
            type = next;
        }
        return source;
    }

    private static String attributes(Random random, boolean workers, boolean ordered) {
        List<String> attributes = new ArrayList<>();
        int count = workers && random.nextBoolean() ? 1 + random.nextInt(4) : 1;
        if (count > 1 || (workers && random.nextInt(4) == 0)) {
            attributes.add("workers = " + count);
        }
        if (ordered && random.nextBoolean()) { // one worker too: the run may add workers
            attributes.add("ordered = true");
        }
        if (random.nextBoolean()) {
            attributes.add("buffer = " + random.nextInt(9));
        }
        return attributes.isEmpty() ? "@Stage" : "@Stage(" + String.join(", ", attributes) + ")";
    }

    private static void throwsSome(Random random, Method method) {
        if (random.nextInt(3) == 0) {
            method.thrown.add(
                    pick(
                            random,
                            List.of(
                                    "java.io.IOException",
                                    "InterruptedException",
                                    "Exception",
                                    "java.util.concurrent.TimeoutException",
                                    "RuntimeException",
                                    "Throwable")));
        }
    }

    /** {@code int} for {@code Integer} now and then: map and flat stages may unbox their input. */
    private static String unboxed(Random random, String type) {
        if (!random.nextBoolean()) {
            return type;
        }
        return switch (type) {
            case "Integer" -> "int";
            case "Long" -> "long";
            case "Double" -> "double";
            case "Character" -> "char";
            default -> type;
        };
    }

    private static String name(Random random, List<String> used) {
        String name;
        do {
            name =
                    random.nextInt(3) == 0
                            ? pick(random, NAMES)
                            : pick(random, NAMES.subList(0, 7)) + used.size();
        } while (used.contains(name));
        used.add(name);
        return name;
    }

    private static String parameterName(Random random, List<String> parameters) {
        while (true) {
            String name = pick(random, PARAMETER_NAMES);
            if (parameters.stream().noneMatch(p -> p.endsWith(" " + name))) {
                return name;
            }
        }
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // ---- mutations ---------------------------------------------------------------------------

    /** Applies one random mutation that fits; records it, and the id it makes certain, if any. */
    void mutate(Random random) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int which = random.nextInt(MUTATIONS);
            String done = apply(which, random);
            if (done != null) {
                mutations.add(done);
                return;
            }
        }
    }

    private static final int MUTATIONS = 36;

    /**
     * @return what it did, or null if it does not apply to this source
     */
    private String apply(int which, Random random) {
        Method stage = pick(random, methods);
        int index = methods.indexOf(stage);
        boolean head = index == 0;
        String stageAnnotation = stage.annotations.isEmpty() ? null : stage.annotations.get(0);
        switch (which) {
            case 0 -> {
                stage.modifiers =
                        ("private "
                                        + stage.modifiers
                                                .replace("public", "")
                                                .replace("protected", ""))
                                .trim();
                expect("StagePrivate");
                return "private " + stage.name;
            }
            case 1 -> {
                if (nesting == Nesting.ENUM_OWNER
                        || nesting == Nesting.RECORD_OWNER
                        || nesting == Nesting.ANONYMOUS) {
                    return null;
                }
                stage.modifiers = "abstract";
                stage.body = false;
                ownerModifiers = ownerModifiers.replace("final", "abstract");
                if (!ownerModifiers.contains("abstract")) {
                    ownerModifiers = (ownerModifiers + " abstract").trim();
                }
                expect("StageAbstract");
                return "abstract " + stage.name;
            }
            case 2 -> {
                stage.typeParameters = pick(random, List.of("<T>", "<T extends Number>", "<A, B>"));
                expect("StageGeneric");
                return "generic " + stage.name;
            }
            case 3 -> {
                nesting = pick(random, List.of(Nesting.values()));
                if (nesting == Nesting.INTERFACE_OWNER) {
                    // interface members: static ones stay, instance ones become default methods
                    for (Method m : methods) {
                        if (!m.modifiers.contains("static") && m.body) {
                            m.modifiers = (m.modifiers.replace("public", "") + " default").trim();
                        }
                    }
                }
                switch (nesting) {
                    case INNER -> expect("StageOwnerInner");
                    case PRIVATE_NESTED, NESTED_IN_PRIVATE -> expect("StageOwnerPrivate");
                    default -> {}
                }
                return "owner " + nesting;
            }
            case 4 -> {
                if (nesting == Nesting.ANONYMOUS || nesting == Nesting.ENUM_OWNER) {
                    return null;
                }
                ownerTypeParameters = "<T>";
                expect("StageOwnerGeneric");
                return "generic owner";
            }
            case 5 -> {
                int workers = pick(random, List.of(0, -1, -7, Integer.MIN_VALUE));
                stage.annotations.set(
                        0, withAttribute(stageAnnotation, "workers", Integer.toString(workers)));
                expect("StageWorkers");
                return stage.name + " workers = " + workers;
            }
            case 6 -> {
                int buffer = pick(random, List.of(-1, -64, Integer.MIN_VALUE));
                stage.annotations.set(
                        0, withAttribute(stageAnnotation, "buffer", Integer.toString(buffer)));
                expect("StageBuffer");
                return stage.name + " buffer = " + buffer;
            }
            case 7 -> {
                String value =
                        pick(
                                random,
                                List.of(
                                        "\"two\"",
                                        "1.5",
                                        "true",
                                        "null",
                                        "Integer.MAX_VALUE",
                                        "1 + 1",
                                        "{1, 2}",
                                        "Missing.VALUE"));
                String attribute = pick(random, List.of("workers", "buffer", "ordered", "threads"));
                stage.annotations.set(0, withAttribute(stageAnnotation, attribute, value));
                return stage.name + " " + attribute + " = " + value;
            }
            case 8 -> {
                if (!(head || stage.emits == null)) {
                    return null;
                }
                stage.annotations.set(0, withAttribute(stageAnnotation, "workers", "2"));
                expect("StageWorkersShape");
                return stage.name + " (head or sink) workers = 2";
            }
            case 9 -> {
                if (!(head
                        || stage.emits == null
                        || stage.parameters.stream().anyMatch(p -> p.startsWith("In<")))) {
                    return null;
                }
                stage.annotations.set(
                        0,
                        withAttribute(
                                withAttribute(stageAnnotation, "ordered", "true"), "workers", "2"));
                if (!head && stage.emits != null) {
                    expect("StageOrderedShape"); // a stream stage: workers = 2 is fine there,
                    // ordered is not
                }
                return stage.name + " ordered on a head, stream or sink";
            }
            case 10 -> {
                String channel =
                        replaceChannelType(
                                stage,
                                random,
                                pick(
                                        random,
                                        List.of(
                                                "",
                                                "<?>",
                                                "<? extends Object>",
                                                "<? super String>")));
                if (channel == null) {
                    return null;
                }
                expect("StageRawChannel");
                return "raw or wildcard " + channel + " in " + stage.name;
            }
            case 11 -> {
                boolean hadOut = stage.parameters.stream().anyMatch(p -> p.startsWith("Out<"));
                insert(stage, "Out<String> extra", random);
                if (!hadOut) {
                    expect("StageOutAndReturn"); // a map or sink returns a value
                }
                // a second Out is a second port: which rule it breaks (an open end, the next
                // stage's implicit from, ordered, a second head) depends on where it lands
                return "second Out on " + stage.name;
            }
            case 12 -> {
                if (!stage.returns.equals("void")) {
                    return null;
                }
                stage.returns = "int";
                if (stage.parameters.stream().anyMatch(p -> p.startsWith("Out<"))) {
                    expect("StageOutAndReturn");
                }
                return stage.name + " returns int";
            }
            case 13 -> {
                stage.parameters.removeIf(p -> p.startsWith("Out<"));
                if (head) {
                    expect("StageHeadShape");
                }
                return "no Out on " + stage.name;
            }
            case 14 -> {
                if (head) {
                    insert(stage, "In<String> extra", random);
                    expect("StageHeadShape");
                    return "In on the head";
                }
                insert(stage, "String extra", random);
                expect("StageInputCount");
                return "second input on " + stage.name;
            }
            case 15 -> {
                if (head) {
                    return null;
                }
                stage.parameters.removeIf(p -> !p.startsWith("Out<") && !p.startsWith("Done "));
                // an Out with nothing before it but Done is shaped like a second head
                boolean outLeft = stage.parameters.stream().anyMatch(p -> p.startsWith("Out<"));
                expect(outLeft ? "StageSecondHead" : "StageInputCount");
                return "no input on " + stage.name;
            }
            case 16 -> {
                if (head || stage.returns.equals("void")) {
                    return null;
                }
                stage.returns = "void";
                // a sink made void is the void sink, which is valid; a map made void emits nothing
                if (stage.parameters.stream()
                        .noneMatch(p -> p.startsWith("Out<") || p.startsWith("In<"))) {
                    expect("StageEmitsNothing");
                }
                return stage.name + " made void";
            }
            case 17 -> {
                Method last = methods.get(methods.size() - 1);
                if (methods.size() < 2 || last.emits != null) {
                    return null; // needs a sink last
                }
                Method after = new Method();
                after.annotations.add("@Stage");
                after.modifiers = "static";
                after.returns = "long";
                after.name = "afterSink";
                after.parameters.add("long v");
                methods.add(after);
                expect("StageAfterSink");
                return "stage after a sink";
            }
            case 18 -> {
                Method copy = copy(stage);
                insert(copy, "Done extraDone", random);
                methods.add(index + 1, copy);
                if (!head) {
                    expect("StageDuplicateName"); // a second head-shaped stage fails its own
                    // checks first
                }
                return "overload of " + stage.name;
            }
            case 19 -> {
                if (head) {
                    return null;
                }
                String changed =
                        changeInputType(
                                stage,
                                pick(
                                        random,
                                        List.of(
                                                "java.util.Set<Double>",
                                                "StringBuilder",
                                                "Thread",
                                                "java.util.concurrent.Callable<String>")));
                if (changed == null) {
                    return null;
                }
                expect("StageTypeMismatch");
                return "input of " + stage.name + " is now " + changed;
            }
            case 20 -> {
                String missing =
                        pick(
                                random,
                                List.of(
                                        "Missing",
                                        "Out<Missing>",
                                        "java.util.List<Missing>",
                                        "Missing[]"));
                if (random.nextBoolean()) {
                    insert(stage, missing + " ghost", random);
                } else if (!stage.returns.equals("void")) {
                    stage.returns = missing.startsWith("Out<") ? "Missing" : missing;
                } else {
                    stage.thrown.add("MissingException");
                }
                expect("StageUnresolvedType");
                return "unresolved type in " + stage.name;
            }
            case 21 -> {
                imports.remove("io.github.stagehand.runtime.*");
                boolean usesRuntime =
                        methods.stream()
                                .flatMap(m -> m.parameters.stream())
                                .anyMatch(
                                        p ->
                                                p.startsWith("In<")
                                                        || p.startsWith("Out<")
                                                        || p.startsWith("Done "));
                if (usesRuntime && nesting != Nesting.LOCAL && nesting != Nesting.ANONYMOUS) {
                    expect("StageUnresolvedType");
                }
                return "no runtime import";
            }
            case 22 -> {
                imports.remove("io.github.stagehand.annotation.Stage");
                return "no @Stage import";
            }
            case 23 -> {
                stage.thrown.add(
                        pick(
                                random,
                                List.of(
                                        "Throwable",
                                        "Exception",
                                        "Error",
                                        "InterruptedException",
                                        "java.io.UncheckedIOException",
                                        "CloneNotSupportedException")));
                return "throws more on " + stage.name;
            }
            case 24 -> {
                stage.modifiers =
                        (stage.modifiers
                                        + " "
                                        + pick(
                                                random,
                                                List.of(
                                                        "synchronized",
                                                        "final",
                                                        "public",
                                                        "protected",
                                                        "strictfp")))
                                .trim();
                return "modifier on " + stage.name;
            }
            case 25 -> {
                if (!head) {
                    return null;
                }
                String name =
                        pick(
                                random,
                                List.of(
                                        "parent",
                                        "deadline",
                                        "owner",
                                        "scope",
                                        "timeout",
                                        methods.get(0).name + "Buffer",
                                        "builder",
                                        "start"));
                String type =
                        pick(random, List.of("int", "String", "java.time.Instant", "Done", "long"));
                insert(stage, type + " " + name, random);
                return "head argument " + type + " " + name;
            }
            case 26 -> {
                stage.name = pick(random, NAMES);
                return "renamed a stage " + stage.name;
            }
            case 27 -> {
                packageName = "";
                return "default package";
            }
            case 28 -> {
                owner =
                        pick(
                                random,
                                List.of(
                                        "Owner$Inner",
                                        "Ünïcode",
                                        "Pipeline",
                                        "Builder",
                                        "Output",
                                        "Stage"));
                return "owner named " + owner;
            }
            case 29 -> {
                stage.annotations.add(
                        0,
                        pick(random, List.of("@Deprecated", "@SuppressWarnings(\"unchecked\")")));
                return "annotation on " + stage.name;
            }
            case 30 -> {
                if (!stage.modifiers.contains("static") || !stage.body) {
                    return null;
                }
                stage.modifiers = stage.modifiers + " native";
                stage.body = false;
                return "native " + stage.name;
            }
            case 31 -> {
                if (head) {
                    return null;
                }
                // a stream stage's In<T> must name exactly the previous type: a supertype is a
                // mismatch
                for (int i = 0; i < stage.parameters.size(); i++) {
                    if (stage.parameters.get(i).startsWith("In<")) {
                        stage.parameters.set(i, "In<Object> in");
                        if (!"Object".equals(methods.get(index - 1).emits)) {
                            expect("StageTypeMismatch");
                        }
                        return "In<Object> on " + stage.name;
                    }
                }
                return null;
            }
            case 32 -> {
                if (head || stageAnnotation == null || !stageAnnotation.startsWith("@Stage")) {
                    return null;
                }
                stage.annotations.set(0, withAttribute(stageAnnotation, "from", "\"nosuch\""));
                expect("StageFromUnknown");
                return stage.name + " from an unknown name";
            }
            case 33 -> {
                if (head
                        || index == methods.size() - 1
                        || stageAnnotation == null
                        || !stageAnnotation.startsWith("@Stage")) {
                    return null;
                }
                String later = methods.get(index + 1).name;
                stage.annotations.set(
                        0, withAttribute(stageAnnotation, "from", "\"" + later + "\""));
                expect("StageFromLater");
                return stage.name + " from the later " + later;
            }
            case 34 -> {
                if (!head || stageAnnotation == null || !stageAnnotation.startsWith("@Stage")) {
                    return null;
                }
                stage.annotations.set(0, withAttribute(stageAnnotation, "from", "\"gen\""));
                expect("StageHeadFrom");
                return "from on the head " + stage.name;
            }
            default -> {
                insert(
                        stage,
                        pick(
                                random,
                                List.of(
                                        "Done other",
                                        "Channel<String> channel",
                                        "In<String>[] ins",
                                        "java.util.function.Supplier<Out<String>> later")),
                        random);
                return "odd parameter on " + stage.name;
            }
        }
    }

    /** Adds a parameter at a random place before any varargs one, which must stay last. */
    private static void insert(Method method, String parameter, Random random) {
        int limit = method.parameters.size();
        if (limit > 0 && method.parameters.get(limit - 1).contains("...")) {
            limit--;
        }
        method.parameters.add(random.nextInt(limit + 1), parameter);
    }

    private void expect(String id) {
        expectedIds.add(id);
    }

    private static String withAttribute(String annotation, String attribute, String value) {
        String inside =
                annotation.equals("@Stage")
                        ? ""
                        : annotation.substring("@Stage(".length(), annotation.length() - 1);
        List<String> kept = new ArrayList<>();
        for (String part : inside.isEmpty() ? new String[0] : inside.split(", ")) {
            if (!part.startsWith(attribute + " =")) {
                kept.add(part);
            }
        }
        kept.add(attribute + " = " + value);
        return "@Stage(" + String.join(", ", kept) + ")";
    }

    private static String replaceChannelType(Method stage, Random random, String arguments) {
        for (int i = 0; i < stage.parameters.size(); i++) {
            String p = stage.parameters.get(i);
            if (p.startsWith("In<") || p.startsWith("Out<")) {
                String kind = p.startsWith("In<") ? "In" : "Out";
                String name = p.substring(p.lastIndexOf(' ') + 1);
                stage.parameters.set(i, kind + arguments + " " + name);
                return kind + arguments;
            }
        }
        return null;
    }

    private static String changeInputType(Method stage, String type) {
        for (int i = 0; i < stage.parameters.size(); i++) {
            String p = stage.parameters.get(i);
            if (!p.startsWith("Out<") && !p.startsWith("Done ")) {
                String name = p.substring(p.lastIndexOf(' ') + 1);
                String changed = p.startsWith("In<") ? "In<" + type + ">" : type;
                stage.parameters.set(i, changed + " " + name);
                return changed;
            }
        }
        return null;
    }

    private static Method copy(Method m) {
        Method c = new Method();
        c.annotations = new ArrayList<>(m.annotations);
        c.modifiers = m.modifiers;
        c.typeParameters = m.typeParameters;
        c.returns = m.returns;
        c.name = m.name;
        c.parameters = new ArrayList<>(m.parameters);
        c.thrown = new ArrayList<>(m.thrown);
        c.body = m.body;
        c.emits = m.emits;
        return c;
    }

    // ---- the compilation unit ----------------------------------------------------------------

    /** The qualified name of the compilation unit's top-level class. */
    String fileName() {
        String top =
                switch (nesting) {
                    case TOP, INTERFACE_OWNER, ENUM_OWNER, RECORD_OWNER -> owner;
                    default -> "Outer" + owner.replace("$", "");
                };
        return packageName.isEmpty() ? top : packageName + "." + top;
    }

    /** The qualified name of the pipeline a clean compile must generate, or null if none is due. */
    String expectedPipeline() {
        String simple =
                switch (nesting) {
                    case TOP, INTERFACE_OWNER, ENUM_OWNER, RECORD_OWNER -> owner;
                    case STATIC_NESTED, IN_INTERFACE ->
                            "Outer" + owner.replace("$", "") + "_" + owner;
                    default -> null; // private, inner, local and anonymous owners are rejected
                };
        if (simple == null) {
            return null;
        }
        return (packageName.isEmpty() ? "" : packageName + ".") + simple + "Pipeline";
    }

    String render() {
        StringBuilder s = new StringBuilder();
        if (!packageName.isEmpty()) {
            s.append("package ").append(packageName).append(";\n\n");
        }
        for (String anImport : imports) {
            s.append("import ").append(anImport).append(";\n");
        }
        s.append('\n');
        String outer = "Outer" + owner.replace("$", "");
        String members = members("        ");
        String typeParameters = ownerTypeParameters;
        switch (nesting) {
            case TOP ->
                    s.append(ownerModifiers)
                            .append(" class ")
                            .append(owner)
                            .append(typeParameters)
                            .append(" {\n")
                            .append(members("    "))
                            .append("}\n");
            case INTERFACE_OWNER ->
                    s.append("public interface ")
                            .append(owner)
                            .append(typeParameters)
                            .append(" {\n")
                            .append(members("    "))
                            .append("}\n");
            case ENUM_OWNER ->
                    s.append("public enum ")
                            .append(owner)
                            .append(" {\n    INSTANCE;\n\n")
                            .append(members("    "))
                            .append("}\n");
            case RECORD_OWNER ->
                    s.append("public record ")
                            .append(owner)
                            .append(typeParameters)
                            .append("(int unused) {\n")
                            .append(members("    "))
                            .append("}\n");
            case STATIC_NESTED ->
                    s.append("public class ")
                            .append(outer)
                            .append(" {\n    ")
                            .append(ownerModifiers.replace("public", "").trim())
                            .append(" static class ")
                            .append(owner)
                            .append(typeParameters)
                            .append(" {\n")
                            .append(members)
                            .append("    }\n}\n");
            case IN_INTERFACE ->
                    s.append("public interface ")
                            .append(outer)
                            .append(" {\n    ")
                            .append(ownerModifiers.replace("public", "").trim())
                            .append(" class ")
                            .append(owner)
                            .append(typeParameters)
                            .append(" {\n")
                            .append(members)
                            .append("    }\n}\n");
            case INNER ->
                    s.append("public class ")
                            .append(outer)
                            .append(" {\n    ")
                            .append(ownerModifiers.replace("public", "").trim())
                            .append(" class ")
                            .append(owner)
                            .append(typeParameters)
                            .append(" {\n")
                            .append(members)
                            .append("    }\n}\n");
            case PRIVATE_NESTED ->
                    s.append("public class ")
                            .append(outer)
                            .append(" {\n    private ")
                            .append(ownerModifiers.replace("public", "").trim())
                            .append(" static class ")
                            .append(owner)
                            .append(typeParameters)
                            .append(" {\n")
                            .append(members)
                            .append("    }\n}\n");
            case NESTED_IN_PRIVATE ->
                    s.append("public class ")
                            .append(outer)
                            .append(" {\n    private static class Vault {\n")
                            .append("        ")
                            .append(ownerModifiers.replace("public", "").trim())
                            .append(" static class ")
                            .append(owner)
                            .append(typeParameters)
                            .append(" {\n")
                            .append(members("            "))
                            .append("        }\n    }\n}\n");
            case LOCAL ->
                    s.append("public class ")
                            .append(outer)
                            .append(" {\n    static void build() {\n        ")
                            .append(
                                    ownerModifiers
                                            .replace("public", "")
                                            .replace("final", "")
                                            .trim())
                            .append(" class ")
                            .append(owner)
                            .append(typeParameters)
                            .append(" {\n")
                            .append(members("            "))
                            .append("        }\n    }\n}\n");
            case ANONYMOUS ->
                    s.append("public class ")
                            .append(outer)
                            .append(" {\n    static final Object SOURCE = new Object() {\n")
                            .append(members)
                            .append("    };\n}\n");
        }
        return s.toString();
    }

    private String members(String indent) {
        StringBuilder s = new StringBuilder();
        for (Method method : methods) {
            s.append(method.render(indent)).append('\n');
        }
        return s.toString();
    }

    String describe() {
        return "mutations " + mutations + ", expected ids " + expectedIds;
    }
}
