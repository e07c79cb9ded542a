package io.github.stagehand.processor.reliability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A random pipeline: its owner class's source, and a model of what it delivers. Every stage
 * computes a fixed function of its input, so the expected output of a run is known from the head's
 * {@code count}; the {@link Probe} the stages call records threads and injects failures.
 *
 * <ul>
 *   <li>head {@code gen(Out<Long> out, long count)}: emits 0 .. count-1;
 *   <li>map: {@code v * 3 + i} (i is the stage's index);
 *   <li>flat: {@code v * 3 + j} for each {@code j < floorMod(v, 3)}: zero, one or two outputs;
 *   <li>stream: {@code v + i}, either at once or in pairs sent in reverse order;
 *   <li>sink: collects every element into a list, which {@code run} returns.
 * </ul>
 *
 * @param owner the simple name of the owner class (in package {@link #PACKAGE})
 * @param outer the class the owner is nested in, or null for a top-level owner
 */
record PipelineShape(String owner, String outer, List<StageSpec> stages) {
    static final String PACKAGE = "rp";

    /** What one stage looks like. */
    enum Kind {
        HEAD,
        MAP,
        FLAT,
        STREAM,
        SINK
    }

    /** What a stage declares in its {@code throws} clause, besides {@code InterruptedException}. */
    enum Throws {
        NONE,
        INJECTED,
        IO,
        EXCEPTION
    }

    /**
     * One stage.
     *
     * @param donePosition where a {@code Done} parameter goes among the others, or -1 for none
     * @param naps whether it declares {@code InterruptedException} and sleeps now and then
     * @param boxed whether a map or flat stage takes {@code Long} rather than {@code long}
     * @param pairs whether a stream stage sends its results in reversed pairs
     * @param receiveLoop whether a stream or sink stage calls {@code receive()} rather than
     *     iterating
     */
    record StageSpec(
            String name,
            Kind kind,
            int workers,
            int buffer,
            boolean ordered,
            boolean isStatic,
            int donePosition,
            Throws declares,
            boolean naps,
            boolean boxed,
            boolean pairs,
            boolean receiveLoop) {

        boolean declaresChecked() {
            return declares != Throws.NONE;
        }

        boolean hasWorkersOption() {
            return kind == Kind.MAP || kind == Kind.FLAT || kind == Kind.STREAM;
        }

        boolean hasBufferOption() {
            return kind != Kind.SINK;
        }
    }

    /** Stage names: ordinary ones, and names the generated code also uses for its own locals. */
    private static final List<String> NAMES =
            GeneratedNames.around(
                    List.of(
                            "gen", "sq", "parse", "digest", "split", "scan", "emit", "batch",
                            "fold", "walk"),
                    List.of(
                            "count",
                            "total",
                            "Output",
                            "Builder",
                            "Failures",
                            "Channel",
                            "Done",
                            "StageScope",
                            "Merge",
                            "OrderedMerge",
                            "SinkValue",
                            "Objects",
                            "Probe"));

    /** A random shape with 1 to {@code maxStages} stages. */
    static PipelineShape random(Random random, String owner, int maxStages) {
        int size = 1 + random.nextInt(maxStages);
        boolean sink = size > 1 && random.nextInt(3) == 0;
        Set<String> used = new HashSet<>();
        List<StageSpec> stages = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Kind kind;
            if (i == 0) {
                kind = Kind.HEAD;
            } else if (i == size - 1 && sink) {
                kind = Kind.SINK;
            } else {
                kind = List.of(Kind.MAP, Kind.FLAT, Kind.STREAM).get(random.nextInt(3));
            }
            String name;
            do {
                name =
                        random.nextInt(4) == 0
                                ? NAMES.get(random.nextInt(NAMES.size()))
                                : "s" + i + NAMES.get(random.nextInt(11));
            } while (!used.add(name));
            boolean parallel = kind == Kind.MAP || kind == Kind.FLAT || kind == Kind.STREAM;
            boolean ordered = (kind == Kind.MAP || kind == Kind.FLAT) && random.nextInt(3) == 0;
            // ordered on one worker too: the run may raise the workers, and ordered keeps the order
            int workers = parallel ? 1 + random.nextInt(8) : 1;
            int buffer = kind == Kind.SINK ? 0 : random.nextInt(3) == 0 ? 0 : random.nextInt(65);
            stages.add(
                    new StageSpec(
                            name,
                            kind,
                            workers,
                            buffer,
                            ordered,
                            random.nextBoolean(),
                            random.nextInt(3) == 0 ? random.nextInt(3) : -1,
                            Throws.values()[random.nextInt(Throws.values().length)],
                            random.nextInt(4) == 0,
                            random.nextBoolean(),
                            random.nextBoolean(),
                            random.nextBoolean()));
        }
        String outer = random.nextInt(4) == 0 ? "Outer" + owner : null;
        return new PipelineShape(owner, outer, List.copyOf(stages));
    }

    boolean hasSink() {
        return stages.get(stages.size() - 1).kind() == Kind.SINK;
    }

    boolean needsOwnerInstance() {
        return stages.stream().anyMatch(s -> !s.isStatic());
    }

    /** The binary name of the owner class. */
    String ownerBinaryName() {
        return PACKAGE + "." + (outer == null ? owner : outer + "$" + owner);
    }

    /** The qualified name of the generated pipeline class. */
    String pipelineName() {
        return PACKAGE + "." + (outer == null ? owner : outer + "_" + owner) + "Pipeline";
    }

    /** The file the owner's source goes in. */
    String fileName() {
        return PACKAGE + "." + (outer == null ? owner : outer);
    }

    // ---- the model ---------------------------------------------------------------------------

    /**
     * What a complete run delivers with one worker per stage: the output order when order is kept.
     */
    List<Long> expected(long count) {
        List<Long> values = new ArrayList<>();
        for (long v = 0; v < count; v++) {
            values.add(v);
        }
        for (int index = 1; index < stages.size(); index++) {
            int i = index;
            StageSpec stage = stages.get(i);
            List<Long> next = new ArrayList<>();
            switch (stage.kind()) {
                case MAP -> values.forEach(v -> next.add(v * 3 + i));
                case FLAT ->
                        values.forEach(
                                v -> {
                                    for (long j = 0; j < Math.floorMod(v, 3); j++) {
                                        next.add(v * 3 + j);
                                    }
                                });
                case STREAM -> {
                    Long held = null;
                    for (long v : values) {
                        long w = v + i;
                        if (!stage.pairs()) {
                            next.add(w);
                        } else if (held == null) {
                            held = w;
                        } else {
                            next.add(w);
                            next.add(held);
                            held = null;
                        }
                    }
                    if (held != null) {
                        next.add(held);
                    }
                }
                case SINK -> next.addAll(values);
                case HEAD -> throw new AssertionError();
            }
            values = next;
        }
        return values;
    }

    /** Whether, with these workers per stage, the output order is the one-worker order. */
    boolean keepsOrder(int[] workers) {
        for (int i = 1; i < stages.size(); i++) {
            StageSpec stage = stages.get(i);
            boolean kept =
                    switch (stage.kind()) {
                        case MAP, FLAT -> workers[i] == 1 || stage.ordered();
                        case STREAM -> workers[i] == 1;
                        case HEAD, SINK -> true;
                    };
            if (!kept) {
                return false;
            }
        }
        return true;
    }

    // ---- the source --------------------------------------------------------------------------

    /** The owner class's compilation unit. */
    String source() {
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("import io.github.stagehand.annotation.Stage;\n");
        s.append("import io.github.stagehand.processor.reliability.InjectedChecked;\n");
        s.append("import io.github.stagehand.processor.reliability.Probe;\n");
        s.append("import io.github.stagehand.runtime.Done;\n");
        s.append("import io.github.stagehand.runtime.In;\n");
        s.append("import io.github.stagehand.runtime.Out;\n");
        s.append("import java.io.IOException;\n");
        s.append("import java.util.ArrayList;\n");
        s.append("import java.util.List;\n\n");
        String indent = "";
        if (outer != null) {
            s.append("public final class ").append(outer).append(" {\n");
            s.append("    private ").append(outer).append("() {}\n\n");
            indent = "    ";
        }
        s.append(indent)
                .append("public ")
                .append(outer != null ? "static " : "")
                .append("final class ")
                .append(owner)
                .append(" {\n");
        s.append(indent).append("    private final Probe probe;\n\n");
        s.append(indent).append("    public ").append(owner).append("(Probe probe) {\n");
        s.append(indent).append("        this.probe = probe;\n");
        s.append(indent).append("    }\n");
        for (int i = 0; i < stages.size(); i++) {
            s.append('\n');
            for (String line : stage(i).split("\n")) {
                s.append(line.isEmpty() ? "" : indent + "    " + line).append('\n');
            }
        }
        s.append(indent).append("}\n");
        if (outer != null) {
            s.append("}\n");
        }
        return s.toString();
    }

    private String stage(int i) {
        StageSpec stage = stages.get(i);
        StringBuilder s = new StringBuilder();
        List<String> attributes = new ArrayList<>();
        if (stage.workers() != 1) {
            attributes.add("workers = " + stage.workers());
        }
        if (stage.buffer() != 0) {
            attributes.add("buffer = " + stage.buffer());
        }
        if (stage.ordered()) {
            attributes.add("ordered = true");
        }
        s.append("@Stage")
                .append(attributes.isEmpty() ? "" : "(" + String.join(", ", attributes) + ")")
                .append('\n');

        String input = stage.boxed() ? "Long v" : "long v";
        List<String> parameters =
                new ArrayList<>(
                        switch (stage.kind()) {
                            case HEAD -> List.of("Out<Long> out", "long count");
                            case MAP -> List.of(input);
                            case FLAT -> List.of(input, "Out<Long> out");
                            case STREAM -> List.of("In<Long> in", "Out<Long> out");
                            case SINK -> List.of("In<Long> in");
                        });
        if (stage.donePosition() >= 0) {
            parameters.add(Math.min(stage.donePosition(), parameters.size()), "Done done");
        }
        String returns =
                switch (stage.kind()) {
                    case MAP -> stage.boxed() ? "Long" : "long";
                    case SINK -> "List<Long>";
                    default -> "void";
                };
        List<String> thrown = new ArrayList<>();
        switch (stage.declares()) {
            case INJECTED -> thrown.add("InjectedChecked");
            case IO -> thrown.add("IOException");
            case EXCEPTION -> thrown.add("Exception");
            case NONE -> {}
        }
        if (stage.naps()) {
            thrown.add("InterruptedException");
        }
        s.append(stage.isStatic() ? "static " : "")
                .append(returns)
                .append(' ')
                .append(stage.name())
                .append('(')
                .append(String.join(", ", parameters))
                .append(')')
                .append(thrown.isEmpty() ? "" : " throws " + String.join(", ", thrown))
                .append(" {\n");
        if (stage.isStatic()) {
            s.append("    Probe probe = Probe.current();\n");
        }
        if (stage.donePosition() >= 0) {
            s.append("    probe.sawDone(done);\n");
        }
        String visit =
                switch (stage.declares()) {
                    case NONE -> "visit";
                    case INJECTED, EXCEPTION -> "visitChecked";
                    case IO -> "visitIo";
                };
        String onEach =
                "probe." + visit + "(" + i + ", v);\n" + (stage.naps() ? "probe.nap(v);\n" : "");
        switch (stage.kind()) {
            case HEAD ->
                    s.append("    probe.started(0);\n")
                            .append("    for (long v = 0; v < count; v++) {\n")
                            .append(indent(onEach, 8))
                            .append("        out.send(v);\n")
                            .append("    }\n");
            case MAP ->
                    s.append(indent(onEach, 4))
                            .append("    return v * 3 + ")
                            .append(i)
                            .append(";\n");
            case FLAT ->
                    s.append(indent(onEach, 4))
                            .append("    for (long j = 0; j < Math.floorMod(v, 3); j++) {\n")
                            .append("        out.send(v * 3 + j);\n")
                            .append("    }\n");
            case STREAM -> {
                s.append("    probe.started(").append(i).append(");\n");
                if (stage.pairs()) {
                    s.append("    Long held = null;\n");
                }
                s.append(loop(stage)).append(indent(onEach, 8));
                if (stage.pairs()) {
                    s.append("        long w = v + ")
                            .append(i)
                            .append(";\n")
                            .append("        if (held == null) {\n")
                            .append("            held = w;\n")
                            .append("        } else {\n")
                            .append("            out.send(w);\n")
                            .append("            out.send(held);\n")
                            .append("            held = null;\n")
                            .append("        }\n")
                            .append("    }\n")
                            .append("    if (held != null) {\n")
                            .append("        out.send(held);\n")
                            .append("    }\n");
                } else {
                    s.append("        out.send(v + ").append(i).append(");\n").append("    }\n");
                }
            }
            case SINK ->
                    s.append("    probe.started(")
                            .append(i)
                            .append(");\n")
                            .append("    List<Long> all = new ArrayList<>();\n")
                            .append(loop(stage))
                            .append(indent(onEach, 8))
                            .append("        all.add(v);\n")
                            .append("        if (probe.sinkStops(all.size())) {\n")
                            .append("            break;\n")
                            .append("        }\n")
                            .append("    }\n")
                            .append("    return all;\n");
        }
        s.append("}\n");
        return s.toString();
    }

    private static String loop(StageSpec stage) {
        return stage.receiveLoop()
                ? "    for (Long v; (v = in.receive()) != null; ) {\n"
                : "    for (Long v : in) {\n";
    }

    private static String indent(String lines, int spaces) {
        StringBuilder s = new StringBuilder();
        for (String line : lines.split("\n")) {
            s.append(" ".repeat(spaces)).append(line).append('\n');
        }
        return s.toString();
    }
}
