package io.github.stagehand.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;

/**
 * The edges pass: reads each stage's {@code from} (empty meaning the previous stage) and resolves
 * every name to an earlier stage's output, reporting names that are unknown, later, ambiguous or
 * repeated. Declaration order is a topological order, so the graph it returns has no cycles.
 */
final class GraphResolver {
    private final ErrorReporter reporter;

    GraphResolver(ErrorReporter reporter) {
        this.reporter = reporter;
    }

    /** The edges of {@code stages}, in the order of their consumers; empty after an error. */
    Optional<List<Edge>> resolve(List<StageDescriptor> stages) {
        List<Edge> edges = new ArrayList<>();
        Map<String, StageDescriptor> earlier = new LinkedHashMap<>(); // stage names so far
        Map<String, Port> ports = new LinkedHashMap<>(); // port names so far
        Set<String> all = new LinkedHashSet<>(); // every stage and port name in the class
        for (StageDescriptor stage : stages) {
            all.add(stage.name());
            stage.ports().forEach(p -> all.add(p.name()));
        }
        boolean valid = true;
        for (int i = 0; i < stages.size(); i++) {
            StageDescriptor stage = stages.get(i);
            if (i == 0) {
                if (!stage.from().isEmpty()) {
                    error(stage, Messages.headFrom(stage.name()));
                    valid = false;
                }
            } else if (stage.from().isEmpty()) {
                StageDescriptor previous = stages.get(i - 1);
                if (previous.shape() == Shape.SINK) {
                    reporter.report(
                            stage.method(), Messages.afterSink(stage.name(), previous.name()));
                    return Optional.empty();
                }
                Optional<Port> port = only(stage, previous, previous.name());
                port.ifPresent(p -> edges.add(new Edge(p, stage)));
                valid &= port.isPresent();
            } else {
                Set<String> seen = new LinkedHashSet<>();
                for (String name : stage.from()) {
                    if (!seen.add(name)) {
                        error(stage, Messages.fromDuplicate(stage.name(), name));
                        valid = false;
                        continue;
                    }
                    Optional<Port> port = lookUp(stage, name, earlier, ports, all);
                    port.ifPresent(p -> edges.add(new Edge(p, stage)));
                    valid &= port.isPresent();
                }
            }
            if (stage.isJoin() && valid && stage.from().size() != stage.ins().size()) {
                error(stage, Messages.joinArity(stage.name(), stage.ins().size(), stage.from()));
                valid = false;
            }
            earlier.put(stage.name(), stage);
            stage.ports().forEach(p -> ports.put(p.name(), p));
        }
        return valid ? Optional.of(List.copyOf(edges)) : Optional.empty();
    }

    private Optional<Port> lookUp(
            StageDescriptor stage,
            String name,
            Map<String, StageDescriptor> earlier,
            Map<String, Port> ports,
            Set<String> all) {
        Port port = ports.get(name);
        if (port != null) {
            return Optional.of(port);
        }
        StageDescriptor producer = earlier.get(name);
        if (producer != null) {
            if (producer.shape() == Shape.SINK) {
                error(stage, Messages.fromSink(stage.name(), name));
                return Optional.empty();
            }
            return only(stage, producer, name);
        }
        if (all.contains(name)) {
            error(stage, Messages.fromLater(stage.name(), name));
        } else {
            error(stage, Messages.fromUnknown(stage.name(), name, nearest(name, ports, earlier)));
        }
        return Optional.empty();
    }

    /** {@code producer}'s one output, or an error naming its ports when it has several. */
    private Optional<Port> only(StageDescriptor stage, StageDescriptor producer, String named) {
        List<Port> ports = producer.ports();
        if (ports.size() == 1) {
            return Optional.of(ports.get(0));
        }
        error(
                stage,
                Messages.fromAmbiguous(
                        stage.name(),
                        named,
                        ports.stream().map(Port::name).toList(),
                        stage.from().isEmpty()));
        return Optional.empty();
    }

    /** The earlier stage or port whose name is closest to {@code name}, or null if none is. */
    private static String nearest(
            String name, Map<String, Port> ports, Map<String, StageDescriptor> earlier) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> candidates = new ArrayList<>(earlier.keySet());
        ports.keySet().stream().filter(p -> !earlier.containsKey(p)).forEach(candidates::add);
        for (String candidate : candidates) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 2) ? best : null;
    }

    /** Levenshtein distance, for "did you mean". */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** An error on {@code stage}'s {@code from} as written, or on the method if it is implicit. */
    private void error(StageDescriptor stage, String message) {
        AnnotationValue from = StageMethodValidator.written(stage.annotation(), "from");
        if (from == null) {
            reporter.report(stage.method(), message);
        } else {
            reporter.report(stage.method(), stage.annotation(), from, message);
        }
    }
}
