package io.github.stagehand.processor.reliability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A random pipeline graph: its owner's source and a model of what each sink receives. Every element
 * is a {@code Long}; stage {@code i} maps {@code v} to {@code v * 3 + i}, and a stage with {@code
 * p} outputs sends it to output {@code floorMod(v, p)} of its input value {@code v}.
 *
 * <ul>
 *   <li>the head {@code gen} emits {@code 0 .. count-1}, to one or two outputs;
 *   <li>map and flat stages (1 to 3 workers, buffers 0 to 3) consume one to three earlier outputs
 *       (several are merged) and have one or two outputs;
 *   <li>sinks collect a list; a sink with {@code stopAfter >= 0} returns after that many elements,
 *       leaving its tee early. Every output left over gets a sink, and random extra sinks tee
 *       outputs already consumed.
 * </ul>
 */
record GraphShape(String owner, List<Node> nodes) {
    static final String PACKAGE = "rg";

    /**
     * One stage: {@code ports} outputs (0 for a sink), fed by {@code from} (port names).
     *
     * @param stopAfter for a sink, how many elements it takes before returning; -1 for all
     */
    record Node(
            String name,
            boolean head,
            boolean map,
            int ports,
            List<String> from,
            int workers,
            int buffer,
            int stopAfter) {
        boolean sink() {
            return !head && ports == 0;
        }

        String port(int k) {
            return ports == 1 ? name : name + ".p" + k;
        }
    }

    static GraphShape random(Random random, String owner) {
        List<Node> nodes = new ArrayList<>();
        List<String> open = new ArrayList<>(); // outputs no stage consumes yet
        List<String> all = new ArrayList<>();
        Node head = new Node("gen", true, false, 1 + random.nextInt(2), List.of(), 1, 0, -1);
        nodes.add(head);
        for (int k = 0; k < head.ports(); k++) {
            open.add(head.port(k));
            all.add(head.port(k));
        }
        int middle = random.nextInt(5);
        for (int i = 1; i <= middle; i++) {
            List<String> from = pickFrom(random, open, all);
            boolean map = random.nextBoolean();
            Node node =
                    new Node(
                            "s" + i,
                            false,
                            map,
                            map ? 1 : 1 + random.nextInt(2),
                            from,
                            1 + random.nextInt(3),
                            random.nextInt(4),
                            -1);
            nodes.add(node);
            open.removeAll(from);
            for (int k = 0; k < node.ports(); k++) {
                open.add(node.port(k));
                all.add(node.port(k));
            }
        }
        int sinks = 0;
        for (String port : List.copyOf(open)) {
            nodes.add(sink(random, "k" + sinks++, List.of(port)));
        }
        for (int extra = random.nextInt(3); extra > 0 || sinks < 2; extra--) {
            nodes.add(sink(random, "k" + sinks++, List.of(all.get(random.nextInt(all.size())))));
        }
        return new GraphShape(owner, List.copyOf(nodes));
    }

    private static Node sink(Random random, String name, List<String> from) {
        int stopAfter = random.nextInt(4) == 0 ? random.nextInt(6) : -1;
        return new Node(name, false, false, 0, from, 1, 0, stopAfter);
    }

    /** One to three distinct earlier outputs, open ones first so that most get consumed. */
    private static List<String> pickFrom(Random random, List<String> open, List<String> all) {
        List<String> from = new ArrayList<>();
        int want = 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
        for (int tries = 0; from.size() < want && tries < 10; tries++) {
            List<String> pool = !open.isEmpty() && random.nextInt(4) != 0 ? open : all;
            String port = pool.get(random.nextInt(pool.size()));
            if (!from.contains(port)) {
                from.add(port);
            }
        }
        return List.copyOf(from);
    }

    String fileName() {
        return PACKAGE + "." + owner;
    }

    String pipelineName() {
        return PACKAGE + "." + owner + "Pipeline";
    }

    List<Node> sinks() {
        return nodes.stream().filter(Node::sink).toList();
    }

    /**
     * For each node, by index, whether a sink that takes its whole input lies downstream. Such a
     * sink can end only once this node has closed its outputs, so the run cannot complete while one
     * of this node's workers is still on its way to report a failure.
     */
    List<Boolean> waitedFor() {
        List<Set<Integer>> reach = downstreamSinks();
        List<Boolean> waited = new ArrayList<>();
        for (Set<Integer> sinks : reach) {
            waited.add(sinks.stream().anyMatch(sink -> nodes.get(sink).stopAfter() < 0));
        }
        return waited;
    }

    /** For each node, by index, the indices of the sinks that its outputs reach. */
    List<Set<Integer>> downstreamSinks() {
        List<Set<Integer>> reach = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            reach.add(new HashSet<>());
        }
        // declaration order is a topological order: walk it backwards, each node taking its
        // consumers' reach
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            if (node.sink()) {
                reach.get(i).add(i);
            }
            for (int j = i + 1; j < nodes.size(); j++) {
                for (String port : nodes.get(j).from()) {
                    int dot = port.indexOf('.');
                    if ((dot < 0 ? port : port.substring(0, dot)).equals(node.name())) {
                        reach.get(i).addAll(reach.get(j));
                    }
                }
            }
        }
        return reach;
    }

    /** The owner class. */
    String source() {
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("import io.github.stagehand.annotation.Stage;\n");
        s.append("import io.github.stagehand.processor.reliability.GraphProbe;\n");
        s.append("import io.github.stagehand.runtime.Done;\n");
        s.append("import io.github.stagehand.runtime.In;\n");
        s.append("import io.github.stagehand.runtime.Out;\n");
        s.append("import java.util.ArrayList;\n");
        s.append("import java.util.List;\n\n");
        s.append("public final class ").append(owner).append(" {\n");
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            List<String> attributes = new ArrayList<>();
            if (!node.from().isEmpty()) {
                attributes.add("from = {\"" + String.join("\", \"", node.from()) + "\"}");
            }
            if (node.workers() > 1) {
                attributes.add("workers = " + node.workers());
            }
            if (node.buffer() > 0) {
                attributes.add("buffer = " + node.buffer());
            }
            s.append("    @Stage")
                    .append(attributes.isEmpty() ? "" : "(" + String.join(", ", attributes) + ")")
                    .append('\n');
            List<String> outs = new ArrayList<>();
            for (int k = 0; k < node.ports(); k++) {
                outs.add("Out<Long> " + (node.ports() == 1 ? "out" : "p" + k));
            }
            String send =
                    node.ports() == 1
                            ? "out.send(w);"
                            : "(Math.floorMod(v, 2) == 0 ? p0 : p1).send(w);";
            if (node.head()) {
                s.append("    static void gen(")
                        .append(String.join(", ", outs))
                        .append(", long count) {\n")
                        .append("        GraphProbe.current().started();\n")
                        .append("        for (long v = 0; v < count; v++) {\n")
                        .append("            long w = v;\n")
                        .append("            ")
                        .append(send)
                        .append("\n        }\n    }\n\n");
            } else if (node.sink()) {
                s.append("    static List<Long> ")
                        .append(node.name())
                        .append("(In<Long> in, Done done) {\n")
                        .append("        GraphProbe.current().started();\n")
                        .append("        List<Long> all = new ArrayList<>();\n");
                if (node.stopAfter() == 0) {
                    s.append("        return all;\n    }\n\n");
                    continue;
                }
                s.append("        for (Long v : in) {\n")
                        .append("            GraphProbe.current().visit(")
                        .append(i)
                        .append(", done);\n")
                        .append("            all.add(v);\n");
                if (node.stopAfter() > 0) {
                    s.append("            if (all.size() == ")
                            .append(node.stopAfter())
                            .append(") {\n                return all;\n            }\n");
                }
                s.append("        }\n        return all;\n    }\n\n");
            } else if (node.map()) {
                s.append("    static Long ")
                        .append(node.name())
                        .append("(Long v, Done done) {\n")
                        .append("        GraphProbe.current().visit(")
                        .append(i)
                        .append(", done);\n")
                        .append("        return v * 3 + ")
                        .append(i)
                        .append(";\n    }\n\n");
            } else {
                s.append("    static void ")
                        .append(node.name())
                        .append("(Long v, ")
                        .append(String.join(", ", outs))
                        .append(", Done done) {\n")
                        .append("        GraphProbe.current().visit(")
                        .append(i)
                        .append(", done);\n")
                        .append("        long w = v * 3 + ")
                        .append(i)
                        .append(";\n        ")
                        .append(send)
                        .append("\n    }\n\n");
            }
        }
        s.append("}\n");
        return s.toString();
    }

    /** What each sink receives in a complete run of {@code count}, sorted: by sink name. */
    Map<String, List<Long>> expected(long count) {
        Map<String, List<Long>> ports = new LinkedHashMap<>();
        Map<String, List<Long>> sinks = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            List<Long> in = new ArrayList<>();
            if (node.head()) {
                for (long v = 0; v < count; v++) {
                    in.add(v);
                }
            } else {
                node.from().forEach(port -> in.addAll(ports.get(port)));
            }
            if (node.sink()) {
                in.sort(null);
                sinks.put(node.name(), in);
                continue;
            }
            for (int k = 0; k < node.ports(); k++) {
                ports.put(node.port(k), new ArrayList<>());
            }
            for (long v : in) {
                long w = node.head() ? v : v * 3 + i;
                int k = node.ports() == 1 ? 0 : Math.floorMod(v, 2);
                ports.get(node.port(k)).add(w);
            }
        }
        return sinks;
    }
}
